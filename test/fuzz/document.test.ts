/**
 * Fuzzing the workspace document reader (readDocument, electron/api/document.ts) with 10,000
 * generated inputs: valid documents (the sample RFP, the worked example, generated ones) with random
 * JSON values put at random paths, keys deleted or added, and, for about half the inputs, the JSON
 * text itself mutated (bytes flipped, cut, quotes, line ends, BOM, NUL inserted) and read as a file
 * is (services/files.ts: strict UTF-8, JSON with its line and column). Every input either reads,
 * and then writes back to a document that reads the same, or fails with a DocumentError (a JSON path
 * and a field) or, for the text, a FileError naming the file and the line: never a TypeError, a
 * RangeError or anything else, and never slowly.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DocumentError, canonicalDocument, readDocument } from '../../electron/api/document.js';
import { FileError, decodeText, parseJsonText } from '../../electron/services/files.js';
import { asDocument, workspaceDocArb } from '../fixtures/arbitraries.js';
import { BUILTIN_ERROR_TEXT, applyByteEdits, applyValueEdits, byteEdits, valueEdits, type Json } from './mutate.js';

export const DOCUMENT_RUNS = 10_000;
const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')) as Json;
const FILE = 'fuzzed.json';

const bases: Json[] = [fixture('sample-rfp.json'), fixture('worked-example.json'), ...fc.sample(workspaceDocArb(), { numRuns: 6, seed: 42 }).map((d) => asDocument(d) as unknown as Json)];

type Outcome = 'read' | 'document-error' | 'file-error';

/** Read the value (or its mutated text) as the app does; throws anything but the typed errors. */
function attempt(value: Json, text: Buffer | null): Outcome {
  let raw: unknown = value;
  if (text) {
    try {
      raw = parseJsonText(decodeText(text, FILE), FILE);
    } catch (e) {
      if (!(e instanceof FileError)) throw e;
      expect(e.file).toBe(FILE);
      expect(e.message.startsWith(`${FILE}: `)).toBe(true);
      if (e.where !== null) expect(e.where).toMatch(/^line \d+( column \d+)?$/);
      return 'file-error';
    }
  }
  let ws;
  try {
    ws = readDocument(raw);
  } catch (e) {
    if (!(e instanceof DocumentError)) throw e;
    expect(e.issues.length).toBeGreaterThan(0);
    const first = e.issues[0]!;
    expect(first.path).toMatch(/^\$/);
    expect(typeof first.field).toBe('string');
    expect(e.message).toBe(`${first.path}: ${first.message}`);
    expect(e.message).not.toMatch(BUILTIN_ERROR_TEXT);
    return 'document-error';
  }
  // What reads writes back to its canonical form, which reads again to the same workspace.
  const canonical = canonicalDocument(ws);
  expect(readDocument(JSON.parse(JSON.stringify(canonical)))).toEqual(readDocument(canonical));
  return 'read';
}

describe('readDocument under 10,000 mutated documents', () => {
  it('reads each or refuses it with a typed error, quickly', () => {
    const seen: Record<Outcome, number> = { read: 0, 'document-error': 0, 'file-error': 0 };
    let tried = 0;
    let slowest = 0;
    // The unmutated bases read.
    for (const b of bases) expect(attempt(b, null)).toBe('read');
    fc.assert(
      fc.property(fc.nat(bases.length - 1), valueEdits, fc.option(byteEdits, { freq: 2, nil: null }), (which, edits, bytes) => {
        const value = applyValueEdits(bases[which]!, edits);
        const text = bytes === null ? null : applyByteEdits(Buffer.from(JSON.stringify(value, null, 2)), bytes);
        const t = performance.now();
        const outcome = attempt(value, text);
        slowest = Math.max(slowest, performance.now() - t);
        seen[outcome]++;
        tried++;
      }),
      { numRuns: DOCUMENT_RUNS, seed: Number(process.env.FUZZ_SEED ?? 20261123) },
    );
    expect(tried).toBe(DOCUMENT_RUNS);
    // The inputs reach every outcome: they are neither all refused nor all accepted.
    expect(seen.read).toBeGreaterThan(100);
    expect(seen['document-error']).toBeGreaterThan(1000);
    expect(seen['file-error']).toBeGreaterThan(300);
    expect(slowest).toBeLessThan(2000);
    console.log(`fuzz readDocument: ${tried} inputs, ${JSON.stringify(seen)}, slowest ${slowest.toFixed(1)} ms`);
  }, 300_000);
});
