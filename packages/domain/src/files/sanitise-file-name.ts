/**
 * The name an uploaded file is listed and downloaded under: the client's name made safe to show
 * on a screen, to put in a Content-Disposition header and to save on Windows, macOS or Linux.
 * The stored bytes are addressed by their SHA-256, never by this name.
 *
 * Invariants: the result is NFC, 1–`maxFileNameLength` code points, has no path separators,
 * control, bidirectional-override or zero-width characters, no Windows-reserved characters or
 * device names, no leading or trailing dots or spaces, and ends with an extension of the type
 * the bytes really are — `report.pdf.exe` holding a PDF becomes `report.pdf.exe.pdf`, so that
 * saving it never yields a name the operating system would run as a program.
 *
 * @example sanitiseFileName({ name: 'C:\\Users\\张三\\2024年 能耗.xlsx', type: 'xlsx' }) // '2024年 能耗.xlsx'
 * @example sanitiseFileName({ name: 'invoice.pdf.exe', type: 'pdf' }) // 'invoice.pdf.exe.pdf'
 */
import { fileExtensions, type AllowedFileType } from './sniff-file-type.ts';

/** Code points; well below every file system's 255-byte limit for names of ASCII characters. */
export const maxFileNameLength = 200;

/** Controls (the whitespace ones become spaces below), lone surrogates, bidirectional controls and invisible characters: removed. */
const invisible =
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/** Not allowed in Windows file names: replaced by `_`. */
const reserved = /[<>:"/\\|?*]/g;
const deviceName = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

export function sanitiseFileName(options: { name: string; type: AllowedFileType }): string {
  const lastSegment = options.name.normalize('NFC').split(/[/\\]/).at(-1) ?? '';
  // NFC again: removing an invisible character can leave a letter and its accent side by side.
  let name = lastSegment.replace(invisible, '').replace(reserved, '_').replace(/\s+/gu, ' ').normalize('NFC');
  name = name.replace(/^[\s.]+|[\s.]+$/gu, '');
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  const extensions: readonly string[] = fileExtensions[options.type];
  let stem = name;
  let suffix = `.${extensions[0]}`;
  if (extensions.includes(extension)) {
    stem = name.slice(0, dot);
    suffix = name.slice(dot);
  }
  stem = stem.replace(/^[\s.]+|[\s.]+$/gu, '');
  if (stem === '' || deviceName.test(stem.split('.')[0]!)) stem = `file${stem ? `_${stem}` : ''}`;
  const room = maxFileNameLength - [...suffix].length;
  const points = [...stem];
  if (points.length > room)
    stem = points
      .slice(0, room)
      .join('')
      .replace(/[\s.]+$/u, '');
  return stem + suffix;
}
