/** Where a broken JSON text stops being JSON: the offset the file errors turn into line and column. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineColumn } from '../../electron/services/files.js';
import { jsonErrorOffset } from '../../electron/services/json-position.js';

const at = (text: string) => {
  const o = jsonErrorOffset(text);
  return o < 0 ? null : lineColumn(text, o);
};

describe('jsonErrorOffset', () => {
  it.each([
    ['{\n  "a": x\n}', { line: 2, column: 8 }], // the x
    ["{\n 'a': 1 }", { line: 2, column: 2 }], // a single quote
    ['{"a": 1,}', { line: 1, column: 9 }], // a trailing comma: the } cannot start a key
    ['[1, 2', { line: 1, column: 6 }], // cut short: the end of the file
    ['{"a": 01}', { line: 1, column: 8 }], // a leading zero
    ['{"a": "tab\there"}', { line: 1, column: 11 }], // a raw control character in a string
    ['{"a": "\\x"}', { line: 1, column: 9 }], // a bad escape
    ['{"a": 1} {}', { line: 1, column: 10 }], // text after the document
    ['{"a": tru}', { line: 1, column: 10 }],
    ['{"a":\r\n  -}', { line: 2, column: 4 }],
  ])('%j fails at %j', (text, where) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(at(text)).toEqual(where);
  });

  it('finds nothing wrong in what JSON.parse accepts', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(0, 2), (v, indent) => {
        expect(jsonErrorOffset(JSON.stringify(v, null, indent))).toBe(-1);
      }),
      { numRuns: 300 },
    );
  });

  it('finds an error in every cut-short document that JSON.parse rejects', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(), (v, cut) => {
        const full = JSON.stringify(v);
        const text = full.slice(0, cut % (full.length + 1));
        let ok = true;
        try {
          JSON.parse(text);
        } catch {
          ok = false;
        }
        if (!ok) {
          const o = jsonErrorOffset(text);
          expect(o).toBeGreaterThanOrEqual(0);
          expect(o).toBeLessThanOrEqual(text.length);
        }
      }),
      { numRuns: 300 },
    );
  });
});
