// SMS segment counting — MODEL.md section 9.
//
// Pure functions, no imports. The rules:
// - GSM-7 when every character is in the GSM 03.38 default alphabet (basic table: 1 septet) or
//   its extension table (`^ { } \ [ ] ~ | €` and form feed: an escape pair, 2 septets);
//   otherwise UCS-2, counted in UTF-16 code units.
// - One segment holds 160 septets / 70 code units; a multi-part message holds 153 / 67 per part.
// - Parts fill greedily. An escape pair (GSM-7) or a surrogate pair (UCS-2) that would straddle a
//   part boundary moves whole to the next part; nothing else is kept whole (no grapheme
//   clustering, so a base letter and its combining mark may be split). Text is not normalised:
//   a decomposed "e\u0301" is UCS-2 even though the precomposed "é" is GSM-7.
// - An empty text is one segment.

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SegmentCount {
  encoding: SmsEncoding;
  /** Number of SMS parts the text is sent as (at least 1). */
  segments: number;
  /** Septets for GSM-7 (escape pairs count two), UTF-16 code units for UCS-2. */
  units: number;
  /** Capacity of one part: 160/70 for a single-part message, 153/67 for a multi-part one. */
  perSegment: number;
  /** The code points (a surrogate pair is one entry) that forced UCS-2, once each, in order of
   *  first appearance; empty for GSM-7. */
  ucs2Chars: string[];
}

/**
 * GSM 03.38 default alphabet, basic table, positions 0x00–0x7F in order, without 0x1B (ESC,
 * which introduces the extension table and is not itself a text character). 127 characters.
 * Note 0x02 is `$`, 0x24 is `¤`, and 0x09 is the capital `Ç` (the small `ç` is not in the table).
 */
const GSM7_BASIC_TABLE =
  '@£$¥èéùìòÇ\nØø\rÅå' + // 0x00–0x0F
  'Δ_ΦΓΛΩΠΨΣΘΞ' +
  'ÆæßÉ' + // 0x10–0x1F (0x1B ESC omitted)
  ' !"#¤%&\'()*+,-./' + // 0x20–0x2F
  '0123456789:;<=>?' + // 0x30–0x3F
  '¡ABCDEFGHIJKLMNO' + // 0x40–0x4F
  'PQRSTUVWXYZÄÖÑÜ§' + // 0x50–0x5F
  '¿abcdefghijklmno' + // 0x60–0x6F
  'pqrstuvwxyzäöñüà'; // 0x70–0x7F

/** GSM 03.38 extension table characters: each is sent as ESC + code, i.e. two septets. */
const GSM7_EXTENSION_TABLE = '\f^{}\\[]~|€';

const GSM7_BASIC = new Set<string>(Array.from(GSM7_BASIC_TABLE));
const GSM7_EXTENSION = new Set<string>(Array.from(GSM7_EXTENSION_TABLE));

const GSM7_SINGLE = 160;
const GSM7_MULTI = 153;
const UCS2_SINGLE = 70;
const UCS2_MULTI = 67;

/** True when `ch` (one code point) can be sent in GSM-7, from the basic or extension table. */
export function isGsm7Char(ch: string): boolean {
  return GSM7_BASIC.has(ch) || GSM7_EXTENSION.has(ch);
}

/** Septets a GSM-7 character takes: 1 in the basic table, 2 in the extension table. */
function gsm7Septets(ch: string): number {
  return GSM7_EXTENSION.has(ch) ? 2 : 1;
}

/**
 * Count parts by greedy filling. Each cost is an indivisible unit (1 or 2): a cost-2 item that
 * does not fit in what is left of the current part starts the next part.
 */
function fill(costs: readonly number[], single: number, multi: number): { segments: number; perSegment: number; units: number } {
  let units = 0;
  for (const c of costs) units += c;
  if (units <= single) return { segments: 1, perSegment: single, units };
  let segments = 1;
  let used = 0;
  for (const c of costs) {
    if (used + c > multi) {
      segments += 1;
      used = 0;
    }
    used += c;
  }
  return { segments, perSegment: multi, units };
}

/** Segment count of an SMS text (MODEL.md section 9). */
export function countSegments(text: string): SegmentCount {
  // Iterating a string yields code points: a well-formed surrogate pair is one item of length 2,
  // a lone surrogate one item of length 1.
  const chars = Array.from(text);
  const ucs2Chars: string[] = [];
  const seen = new Set<string>();
  for (const ch of chars) {
    if (!isGsm7Char(ch) && !seen.has(ch)) {
      seen.add(ch);
      ucs2Chars.push(ch);
    }
  }

  if (ucs2Chars.length === 0) {
    const r = fill(chars.map(gsm7Septets), GSM7_SINGLE, GSM7_MULTI);
    return { encoding: 'GSM-7', segments: r.segments, units: r.units, perSegment: r.perSegment, ucs2Chars: [] };
  }
  const r = fill(
    chars.map((ch) => ch.length),
    UCS2_SINGLE,
    UCS2_MULTI,
  );
  return { encoding: 'UCS-2', segments: r.segments, units: r.units, perSegment: r.perSegment, ucs2Chars };
}
