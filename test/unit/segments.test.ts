import { describe, it, expect } from 'vitest';
import { countSegments, isGsm7Char } from '../../electron/engine/segments.js';

// MODEL.md section 9. Boundaries worked out by hand in the comments next to each case.

/** The GSM 03.38 basic table (0x00–0x7F without ESC): 127 characters. */
const BASIC = '@£$¥èéùìòÇ\nØø\rÅå' + 'Δ_ΦΓΛΩΠΨΣΘΞ' + 'ÆæßÉ' + ' !"#¤%&\'()*+,-./' + '0123456789:;<=>?' + '¡ABCDEFGHIJKLMNO' + 'PQRSTUVWXYZÄÖÑÜ§' + '¿abcdefghijklmno' + 'pqrstuvwxyzäöñüà';
const EXTENSION = '\f^{}\\[]~|€';

describe('isGsm7Char', () => {
  it('accepts every basic-table and extension-table character', () => {
    expect(Array.from(BASIC)).toHaveLength(127);
    for (const ch of BASIC) expect(isGsm7Char(ch), JSON.stringify(ch)).toBe(true);
    for (const ch of EXTENSION) expect(isGsm7Char(ch), JSON.stringify(ch)).toBe(true);
  });

  it('rejects look-alikes and characters outside GSM 03.38', () => {
    for (const ch of [
      'ç', // small c-cedilla: only the capital Ç is in the table
      '`', // backtick
      '\u001b', // ESC introduces the extension table; it is not a text character
      '\t', // tab
      '\u00a0', // no-break space
      'Α', // Greek capital alpha U+0391 (Latin A is in the table; no normalisation)
      '\u2126', // OHM SIGN, which NFC would turn into Ω U+03A9 (in the table); no normalisation
      'á',
      'ê',
      '’', // typographic apostrophe
      '—',
      '😀',
    ]) {
      expect(isGsm7Char(ch), JSON.stringify(ch)).toBe(false);
    }
    expect(isGsm7Char('Ω')).toBe(true); // U+03A9
    expect(isGsm7Char('Ç')).toBe(true);
  });
});

describe('countSegments: GSM-7', () => {
  it('empty text is one segment of zero units', () => {
    expect(countSegments('')).toEqual({ encoding: 'GSM-7', segments: 1, units: 0, perSegment: 160, ucs2Chars: [] });
  });

  it('160 septets fit in one segment, 161 need two parts of 153', () => {
    expect(countSegments('a'.repeat(160))).toEqual({ encoding: 'GSM-7', segments: 1, units: 160, perSegment: 160, ucs2Chars: [] });
    expect(countSegments('a'.repeat(161))).toEqual({ encoding: 'GSM-7', segments: 2, units: 161, perSegment: 153, ucs2Chars: [] });
  });

  it('306 septets are exactly two parts, 307 three', () => {
    expect(countSegments('a'.repeat(306))).toMatchObject({ segments: 2, units: 306, perSegment: 153 });
    expect(countSegments('a'.repeat(307))).toMatchObject({ segments: 3, units: 307, perSegment: 153 });
  });

  it('extension characters count two septets', () => {
    // 80 × € = 160 septets: still one segment.
    expect(countSegments('€'.repeat(80))).toEqual({ encoding: 'GSM-7', segments: 1, units: 160, perSegment: 160, ucs2Chars: [] });
    // 158 a + € = 160 septets: one segment, the pair is not split because nothing is split.
    expect(countSegments('a'.repeat(158) + '€')).toMatchObject({ segments: 1, units: 160, perSegment: 160 });
    // 159 a + € = 161 septets: part 1 = 153 a, part 2 = 6 a + € (8 septets) → 2.
    expect(countSegments('a'.repeat(159) + '€')).toMatchObject({ segments: 2, units: 161, perSegment: 153 });
    // Every extension character (form feed and the nine `^ { } \ [ ] ~ | €`), once: 10 × 2 = 20 septets.
    expect(countSegments(EXTENSION)).toMatchObject({ encoding: 'GSM-7', units: 20, segments: 1 });
    // The whole basic table plus the extension table: 127 + 20 = 147 septets, one segment.
    expect(countSegments(BASIC + EXTENSION)).toEqual({ encoding: 'GSM-7', segments: 1, units: 147, perSegment: 160, ucs2Chars: [] });
  });

  it('an escape pair on the 153/154 boundary moves whole to the next part', () => {
    // 152 a + € + 152 a = 306 septets, which ceil(306/153) would call 2 parts. By filling:
    //   part 1: 152 a (152 septets); € would take septets 153 and 154, straddling → moves
    //   part 2: € (2) + 151 a = 153 septets
    //   part 3: the last 1 a
    // → 3 parts.
    expect(countSegments('a'.repeat(152) + '€' + 'a'.repeat(152))).toEqual({
      encoding: 'GSM-7',
      segments: 3,
      units: 306,
      perSegment: 153,
      ucs2Chars: [],
    });
    // Control, same 306 septets with the pair one place earlier: part 1 = 151 a + € = 153 exactly,
    // part 2 = 153 a → 2 parts.
    expect(countSegments('a'.repeat(151) + '€' + 'a'.repeat(153))).toMatchObject({ segments: 2, units: 306 });
    // The pair right after a full part opens the next one: 153 a | € + 151 a = 153 → 2 parts;
    // one more a → 153 a | € + 151 a | 1 a → 3 parts.
    expect(countSegments('a'.repeat(153) + '€' + 'a'.repeat(151))).toMatchObject({ segments: 2, units: 306 });
    expect(countSegments('a'.repeat(153) + '€' + 'a'.repeat(152))).toMatchObject({ segments: 3, units: 307 });
  });

  it('the straddle rule applies at every boundary, not only the first', () => {
    // 153 a | 152 a + [€ straddles 153/154 of part 2] → part 3: € + 1 a.
    expect(countSegments('a'.repeat(305) + '€' + 'a')).toMatchObject({ segments: 3, units: 308 });
    // 153 a | 151 a + € (exactly 153) | 1 a.
    expect(countSegments('a'.repeat(304) + '€' + 'a')).toMatchObject({ segments: 3, units: 307 });
    // 153 a | 151 a + € → exactly 306 → 2 parts.
    expect(countSegments('a'.repeat(304) + '€')).toMatchObject({ segments: 2, units: 306 });
  });

  it('form feed is an extension character (two septets)', () => {
    expect(countSegments('\f')).toEqual({ encoding: 'GSM-7', segments: 1, units: 2, perSegment: 160, ucs2Chars: [] });
    // 159 a + FF = 161 septets → 2 parts.
    expect(countSegments('a'.repeat(159) + '\f')).toMatchObject({ encoding: 'GSM-7', segments: 2, units: 161 });
    // FF on the boundary moves whole like €: 152 a | FF + 152 a (153) | 1 a.
    expect(countSegments('a'.repeat(152) + '\f' + 'a'.repeat(152))).toMatchObject({ segments: 3, units: 306 });
  });

  it('LF and CR are basic characters (one septet each)', () => {
    expect(countSegments('a\nb\r\nc')).toEqual({ encoding: 'GSM-7', segments: 1, units: 6, perSegment: 160, ucs2Chars: [] });
    expect(countSegments('\r\n'.repeat(80))).toMatchObject({ encoding: 'GSM-7', segments: 1, units: 160 });
    expect(countSegments('\r\n'.repeat(80) + '\n')).toMatchObject({ encoding: 'GSM-7', segments: 2, units: 161 });
  });

  it('Ç keeps GSM-7 but ç forces UCS-2', () => {
    expect(countSegments('Ça va')).toEqual({ encoding: 'GSM-7', segments: 1, units: 5, perSegment: 160, ucs2Chars: [] });
    expect(countSegments('ça va')).toEqual({ encoding: 'UCS-2', segments: 1, units: 5, perSegment: 70, ucs2Chars: ['ç'] });
  });
});

describe('countSegments: UCS-2', () => {
  it('70 code units fit in one segment, 71 need two parts of 67', () => {
    expect(countSegments('я'.repeat(70))).toEqual({ encoding: 'UCS-2', segments: 1, units: 70, perSegment: 70, ucs2Chars: ['я'] });
    expect(countSegments('я'.repeat(71))).toEqual({ encoding: 'UCS-2', segments: 2, units: 71, perSegment: 67, ucs2Chars: ['я'] });
    // One non-GSM character turns a GSM-friendly text into UCS-2 and counts every character as a
    // code unit: 69 a + ç = 70 units (1 segment); 70 a + ç = 71 (2).
    expect(countSegments('a'.repeat(69) + 'ç')).toMatchObject({ encoding: 'UCS-2', segments: 1, units: 70 });
    expect(countSegments('a'.repeat(70) + 'ç')).toMatchObject({ encoding: 'UCS-2', segments: 2, units: 71, perSegment: 67 });
  });

  it('extension characters count one code unit in UCS-2', () => {
    // € is 2 septets in GSM-7 but one UTF-16 code unit: 35 € + ç = 36 units.
    expect(countSegments('€'.repeat(35) + 'ç')).toMatchObject({ encoding: 'UCS-2', units: 36, ucs2Chars: ['ç'] });
  });

  it('a surrogate pair counts two units and is one entry in ucs2Chars', () => {
    expect(countSegments('😀')).toEqual({ encoding: 'UCS-2', segments: 1, units: 2, perSegment: 70, ucs2Chars: ['😀'] });
    // 35 emoji = 70 units → 1; 35 emoji + 'a' = 71 → 2.
    expect(countSegments('😀'.repeat(35))).toMatchObject({ segments: 1, units: 70 });
    expect(countSegments('😀'.repeat(35) + 'a')).toMatchObject({ segments: 2, units: 71, perSegment: 67 });
  });

  it('a surrogate pair on the 67/68 boundary moves whole to the next part', () => {
    // 66 я + 😀 + 66 я = 134 units, which ceil(134/67) would call 2 parts. By filling:
    //   part 1: 66 я; 😀 would take units 67 and 68, straddling → moves
    //   part 2: 😀 (2) + 65 я = 67
    //   part 3: the last 1 я
    // → 3 parts.
    expect(countSegments('я'.repeat(66) + '😀' + 'я'.repeat(66))).toEqual({
      encoding: 'UCS-2',
      segments: 3,
      units: 134,
      perSegment: 67,
      ucs2Chars: ['я', '😀'],
    });
    // Control, same 134 units with the pair one place earlier: 65 я + 😀 = 67 | 67 я → 2 parts.
    expect(countSegments('я'.repeat(65) + '😀' + 'я'.repeat(67))).toMatchObject({ segments: 2, units: 134 });
    // 33 emoji = 66 units; the 34th would straddle 67/68 → part 2 starts with it:
    // part 1: 33 emoji (66) | part 2: 33 emoji (66) | part 3: 1 emoji → 67 emoji = 134 units, 3 parts.
    expect(countSegments('😀'.repeat(67))).toMatchObject({ segments: 3, units: 134 });
  });

  it('only surrogate pairs are kept whole: a base letter and its combining mark may be split', () => {
    // 66 я + 'e' + U+0301 + 67 я = 135 units. Part 1: 66 я + e = 67 | U+0301 + 66 я = 67 | 1 я.
    expect(countSegments('я'.repeat(66) + 'e\u0301' + 'я'.repeat(67))).toMatchObject({ segments: 3, units: 135 });
    // Same length with the mark fully inside part 2: the count does not change (3 parts by fill).
    expect(countSegments('я'.repeat(67) + 'e\u0301' + 'я'.repeat(66))).toMatchObject({ segments: 3, units: 135 });
  });

  it('ucs2Chars lists the offending code points once each, in order of first appearance', () => {
    // ü, ß, ö, € are GSM-7 (€ via the extension table); —, ç, û, 😀 are not.
    const text = 'Grüße aus Köln — ça coûte 5 € 😀 ç — 😀';
    const r = countSegments(text);
    expect(r.encoding).toBe('UCS-2');
    expect(r.ucs2Chars).toEqual(['—', 'ç', 'û', '😀']);
    expect(r.units).toBe(text.length);
  });

  it('does not normalise: a decomposed é is UCS-2, the precomposed one is GSM-7', () => {
    expect(countSegments('caf\u00e9')).toMatchObject({ encoding: 'GSM-7', units: 4 });
    expect(countSegments('cafe\u0301')).toEqual({ encoding: 'UCS-2', segments: 1, units: 5, perSegment: 70, ucs2Chars: ['\u0301'] });
    expect(countSegments('\u2126')).toMatchObject({ encoding: 'UCS-2', ucs2Chars: ['\u2126'] });
  });

  it('a lone surrogate is one non-GSM code unit', () => {
    expect(countSegments('a\ud83d')).toEqual({ encoding: 'UCS-2', segments: 1, units: 2, perSegment: 70, ucs2Chars: ['\ud83d'] });
  });
});
