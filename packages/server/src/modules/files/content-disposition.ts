/**
 * `Content-Disposition: attachment` for a download, with the name in both forms browsers read:
 * `filename*` (RFC 6266 / RFC 5987: UTF-8, percent-encoded — Chinese names arrive intact) and an
 * ASCII `filename` fallback for old clients (accents dropped, anything else non-ASCII as `_`).
 *
 * @example attachmentDisposition('能耗 2024.xlsx')
 * // `attachment; filename="__ 2024.xlsx"; filename*=UTF-8''%E8%83%BD%E8%80%97%202024.xlsx`
 */
export function attachmentDisposition(name: string): string {
  const fallback = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]|["\\%]/g, '_');
  // encodeURIComponent leaves ' ( ) * unescaped; RFC 5987's attr-char does not allow them.
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
