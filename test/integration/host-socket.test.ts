/**
 * The browser host's API over a WebSocket (electron/host/socket.ts), on 127.0.0.1: admitted only
 * with the launch token (as a subprotocol), from its own origin and Host, as a call over HTTP is;
 * each call answered with its own id; a message that is not a call, or whose input is not JSON or passes a limit, answered with the same words as the
 * HTTP body would be; a message over 10 MB closes the socket.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createHost, MAX_BODY } from '../../electron/host/server.js';
import { useTestHost } from '../fixtures/test-host.js';

const t = useTestHost('tco-host-socket-');

interface Opened {
  ws: WebSocket;
  /** The next message's text. */
  next(): Promise<string>;
}

/** A socket as the page opens it (its origin, the two protocols), or the handshake's refusal. */
function open(opts: { token?: string | null; origin?: string | null; path?: string; protocols?: string[]; headers?: Record<string, string> } = {}): Promise<Opened | { status: number; body: string }> {
  const token = opts.token === undefined ? t.host.token : opts.token;
  const protocols = opts.protocols ?? ['tco.api', ...(token === null ? [] : [`tco.token.${token}`])];
  const origin = opts.origin === undefined ? t.host.origin : opts.origin;
  const ws = new WebSocket(`ws://127.0.0.1:${t.host.port}${opts.path ?? '/socket'}`, protocols, { ...(origin === null ? {} : { origin }), headers: opts.headers ?? {} });
  const queue: string[] = [];
  const waiting: ((t: string) => void)[] = [];
  ws.on('message', (data) => {
    const text = String(data);
    const w = waiting.shift();
    if (w) w(text);
    else queue.push(text);
  });
  return new Promise((ok, fail) => {
    ws.on('open', () => ok({ ws, next: () => (queue.length ? Promise.resolve(queue.shift()!) : new Promise((r) => waiting.push(r))) }));
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString('utf8')));
      res.on('end', () => ok({ status: res.statusCode ?? 0, body }));
    });
    ws.on('error', (e) => fail(e));
  });
}

async function opened(opts: Parameters<typeof open>[0] = {}): Promise<Opened> {
  const o = await open(opts);
  if (!('ws' in o)) throw new Error(`refused: ${o.status} ${o.body}`);
  return o;
}

const answer = (text: string) => {
  const nl = text.indexOf('\n');
  return { id: text.slice(0, nl), result: JSON.parse(text.slice(nl + 1)) as { ok: boolean; value?: any; error?: { code: string; message: string } } };
};

describe('the API over the WebSocket', () => {
  it('answers a call with its id and the ApiResult, as HTTP does; the host answers the tco.api protocol, never the token', async () => {
    const s = await opened();
    expect(s.ws.protocol).toBe('tco.api');
    s.ws.send('7 segments\n{"text":"hi"}');
    // "hi": 2 GSM-7 characters, one segment of up to 160.
    expect(answer(await s.next())).toEqual({ id: '7', result: { ok: true, value: { encoding: 'GSM-7', segments: 1, units: 2, perSegment: 160, ucs2Chars: [] } } });
    // An empty input is {}.
    s.ws.send('8 workspace.recent');
    expect(answer(await s.next())).toMatchObject({ id: '8', result: { ok: true } });
    s.ws.close();
  });

  it('answers two calls sent together each with its own id and its own result', async () => {
    const s = await opened();
    const path = join(t.dir, 'two.tcows');
    s.ws.send(`41 workspace.create\n${JSON.stringify({ path })}`);
    s.ws.send('42 segments\n{"text":"ok"}');
    const got = new Map([answer(await s.next()), answer(await s.next())].map((a) => [a.id, a.result]));
    expect([...got.keys()].sort()).toEqual(['41', '42']);
    expect(got.get('41')).toMatchObject({ ok: true, value: { path } });
    expect(got.get('42')).toEqual({ ok: true, value: { encoding: 'GSM-7', segments: 1, units: 2, perSegment: 160, ucs2Chars: [] } });
    s.ws.close();
  });

  it('refuses the handshake without the token, or with a wrong one (401), naming what it needs', async () => {
    for (const token of [null, '0'.repeat(64), t.host.token.slice(1), `${t.host.token}x`]) {
      const r = await open({ token });
      expect(r, String(token)).toEqual({
        status: 401,
        body: JSON.stringify({ ok: false, error: { code: 'UNAUTHORIZED', message: 'refused: the call needs the token of the address printed at launch' } }),
      });
    }
  });

  it('refuses another origin (403) and a foreign Host (403), and takes localhost with its own origin', async () => {
    expect(await open({ origin: 'http://evil.example' })).toMatchObject({ status: 403, body: expect.stringContaining('"FORBIDDEN"') });
    expect(await open({ origin: 'null' })).toMatchObject({ status: 403 });
    expect(await open({ headers: { Host: `evil.example:${t.host.port}` } })).toMatchObject({ status: 403, body: expect.stringContaining('unexpected Host header') });
    const local = await opened({ headers: { Host: `localhost:${t.host.port}` }, origin: `http://localhost:${t.host.port}` });
    local.ws.send('1 segments\n{"text":"x"}');
    expect(answer(await local.next()).result.ok).toBe(true);
    local.ws.close();
    // A client that is not a browser names no origin: the token is what admits it.
    const bare = await opened({ origin: null });
    bare.ws.close();
  });

  it('refuses another path or a handshake without the tco.api protocol (400)', async () => {
    expect(await open({ path: '/api/segments' })).toMatchObject({ status: 400, body: expect.stringContaining('/socket, with the tco.api protocol') });
    expect(await open({ protocols: [`tco.token.${t.host.token}`] })).toMatchObject({ status: 400 });
  });

  it('answers a message that is not a call, binary, not JSON or past a limit with INVALID_INPUT in the words a body gets', async () => {
    const s = await opened();
    s.ws.send('hello');
    expect(answer(await s.next())).toEqual({
      id: '0',
      result: { ok: false, error: { code: 'INVALID_INPUT', message: 'a call over the socket is "<id> <operation>", a line feed, then the input as JSON' } },
    });
    s.ws.send(Buffer.from('1 segments\n{}'), { binary: true });
    expect(answer(await s.next()).result.error!.message).toBe('a call over the socket is text, not binary');
    s.ws.send('3 segments\n{"text":');
    const bad = answer(await s.next());
    expect(bad.id).toBe('3');
    expect(bad.result.error!.code).toBe('INVALID_INPUT');
    expect(bad.result.error!.message).toMatch(/^request body is not valid JSON: /);
    // Nesting past the limit is refused before parsing, as over HTTP.
    s.ws.send(`4 segments\n${'['.repeat(100)}${']'.repeat(100)}`);
    expect(answer(await s.next()).result.error!.message).toMatch(/^request body: .*nest more than .* levels deep/);
    // An operation that does not exist: dispatch's own answer.
    s.ws.send('5 no.such\n{}');
    expect(answer(await s.next())).toMatchObject({ id: '5', result: { ok: false, error: { code: 'UNKNOWN_OPERATION' } } });
    // Malformed input: the operation's typed error, as data.
    s.ws.send('6 segments\n{"text":5}');
    expect(answer(await s.next())).toMatchObject({ id: '6', result: { ok: false, error: { code: 'INVALID_INPUT' } } });
    s.ws.close();
  });

  it('closes the socket on a message over 10 MB (1009); a new one is admitted', async () => {
    const s = await opened();
    const closed = new Promise<number>((r) => s.ws.on('close', (code) => r(code)));
    s.ws.send(`1 segments\n{"text":"${'a'.repeat(MAX_BODY + 100)}"}`);
    expect(await closed).toBe(1009);
    const again = await opened();
    again.ws.send('2 segments\n{"text":"x"}');
    expect(answer(await again.next()).id).toBe('2');
    again.ws.close();
  });

  it('closing the host closes its sockets', async () => {
    const other = await createHost({ app: t.app, staticDir: join(t.dir, 'static'), port: 0 });
    const ws = new WebSocket(`ws://127.0.0.1:${other.port}/socket`, ['tco.api', `tco.token.${other.token}`], { origin: other.origin });
    await new Promise((r) => ws.on('open', r));
    const closed = new Promise((r) => ws.on('close', r));
    await other.close();
    await closed;
    expect(ws.readyState).toBe(WebSocket.CLOSED);
  });
});
