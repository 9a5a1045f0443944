/**
 * Which text encoding a file's first bytes say it is, beside UTF-8: UTF-16 with its byte order
 * mark (what Excel's "Unicode Text", Windows Notepad's "Unicode" and other Windows tools write), or
 * UTF-16 without one. Read by the importer (source.ts, preview.ts) and by the `tco` command's
 * document files (services/files.ts).
 */

/** UTF-16 with its byte order mark (ff fe: little-endian; fe ff: big-endian), or null. */
export function utf16Of(head: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return null;
}

/** Whether bytes with NULs in them read as UTF-16 without a mark: Latin text, every other byte 0. */
export function looksLikeUtf16(head: Uint8Array): boolean {
  const pairs = head.length >> 1;
  if (pairs < 2) return false;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i + 1 < head.length; i += 2) {
    if (head[i] === 0) zeroEven++;
    if (head[i + 1] === 0) zeroOdd++;
  }
  return Math.max(zeroEven, zeroOdd) >= pairs * 0.6 && Math.min(zeroEven, zeroOdd) <= pairs * 0.05;
}
