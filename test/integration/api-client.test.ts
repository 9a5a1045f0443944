/**
 * The page's API client in a browser (renderer/src/api/client.ts) against a real host on 127.0.0.1:
 * calls go over the host's WebSocket, one socket for all of them; a socket that cannot be opened
 * leaves the page on HTTP for good; one that closes under a waiting call answers it "Cannot reach the
 * app" and is opened again at the next call; an abandoned call is CANCELLED; an input of 1 MB or
 * more goes over HTTP. The browser's globals are those of Node with ws's WebSocket, which has the
 * browser's interface (onopen, onmessage with text as a string, onclose, send).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { useTestHost } from '../fixtures/test-host.js';

const t = useTestHost('tco-client-');

/** What the page's globals saw: sockets made, messages sent, HTTP calls made. */
let seen: { sockets: number; sent: string[]; fetched: string[] };
/** Run right after a message is sent (before any answer can come). */
let afterSend: (() => void) | null;
/** The socket class the page gets; the default is ws's, which reaches the t.host. */
let Socket: new (url: string, protocols: string[]) => unknown;

beforeEach(() => {
  seen = { sockets: 0, sent: [], fetched: [] };
  afterSend = null;
  Socket = WebSocket;
  const store = new Map<string, string>();
  vi.stubGlobal('window', {});
  vi.stubGlobal('location', new URL(t.host.url));
  vi.stubGlobal('history', { replaceState: () => undefined });
  vi.stubGlobal('sessionStorage', { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => store.set(k, v) });
  const fetch0 = globalThis.fetch;
  vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
    seen.fetched.push(url);
    return fetch0(new URL(url, t.host.origin), init);
  });
  vi.stubGlobal('WebSocket', function (url: string, protocols: string[]) {
    seen.sockets++;
    const ws = new Socket(url, protocols) as { send(d: string): void };
    const send = ws.send.bind(ws);
    ws.send = (d: string) => {
      seen.sent.push(d.slice(0, d.indexOf('\n')));
      send(d);
      afterSend?.();
    };
    return ws;
  });
  // The client keeps its socket in the module: a fresh one for each test.
  vi.resetModules();
});

afterEach(() => vi.unstubAllGlobals());

const client = () => import('../../renderer/src/api/client.js');
// "hi": 2 GSM-7 characters, one segment of up to 160.
const HI = { ok: true, value: { encoding: 'GSM-7', segments: 1, units: 2, perSegment: 160, ucs2Chars: [] } };

describe('the API client in a browser', () => {
  it('calls over one socket: two calls, one socket, two messages, no HTTP', async () => {
    const { call } = await client();
    expect(await call('segments', { text: 'hi' })).toEqual(HI);
    expect((await call('workspace.recent', {})).ok).toBe(true);
    expect(seen).toEqual({ sockets: 1, sent: ['1 segments', '2 workspace.recent'], fetched: [] });
  });

  it('a socket that cannot be opened leaves the page on HTTP for good', async () => {
    // As a browser reports a refused handshake: closed, never opened.
    Socket = class {
      onclose: (() => void) | null = null;
      constructor() {
        setTimeout(() => this.onclose?.(), 0);
      }
      send() {
        throw new Error('never opened');
      }
    };
    const { call } = await client();
    expect(await call('segments', { text: 'hi' })).toEqual(HI);
    expect(await call('segments', { text: 'hi' })).toEqual(HI);
    expect(seen).toEqual({ sockets: 1, sent: [], fetched: ['api/segments', 'api/segments'] });
  });

  it('a socket that closes under a waiting call answers it in words, and the next call opens a new one', async () => {
    let made = 0;
    Socket = class extends WebSocket {
      constructor(url: string, protocols: string[]) {
        super(url, protocols);
        // The first socket goes away as its first call is sent (the host stopped, say).
        if (made++ === 0) this.send = () => this.terminate();
      }
    };
    const { call } = await client();
    expect(await call('segments', { text: 'hi' })).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'Cannot reach the app: the connection to it closed (is `npm run web` still running? If it was started again, open the address it printed)' },
    });
    expect(await call('segments', { text: 'hi' })).toEqual(HI);
    expect(seen.sockets).toBe(2);
    expect(seen.fetched).toEqual([]);
  });

  it('an abandoned call is CANCELLED, before or after it is sent, and its late answer is dropped', async () => {
    const { call } = await client();
    const before = new AbortController();
    before.abort();
    expect(await call('segments', { text: 'hi' }, { signal: before.signal })).toEqual({ ok: false, error: { code: 'CANCELLED', message: 'segments: abandoned for a newer request' } });
    const after = new AbortController();
    // Sent once the socket is open; abandoned while its answer is on its way.
    afterSend = () => after.abort();
    expect(await call('segments', { text: 'hi' }, { signal: after.signal })).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    afterSend = null;
    expect(seen.sent).toEqual(['1 segments']);
    // The socket still serves the next call, which gets its own answer, not the dropped one.
    expect(await call('segments', { text: 'ok' })).toMatchObject({ ok: true, value: { units: 2 } });
  });

  it('an input of 1 MB or more goes over HTTP', async () => {
    const { call } = await client();
    const r = await call('segments', { text: 'a'.repeat(1024 * 1024) });
    // Delivered whole over HTTP: the operation's own limit on a text (100,000 characters) answers it.
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', path: '$.text', field: 'text' } });
    expect(seen).toEqual({ sockets: 0, sent: [], fetched: ['api/segments'] });
  });
});
