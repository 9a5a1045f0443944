/**
 * Small facts about a PDF's bytes, without a PDF library: how many pages it has. Chromium writes
 * one page object (`/Type /Page`) per page, uncompressed; the page tree's `/Count` says the same.
 */
export function countPdfPages(bytes: Uint8Array): number {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  if (!text.startsWith('%PDF-')) throw new Error('not a PDF (no %PDF- header)');
  return (text.match(/\/Type\s*\/Page(?![A-Za-z])/g) ?? []).length;
}
