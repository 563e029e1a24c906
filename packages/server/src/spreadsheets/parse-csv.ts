/**
 * RFC 4180 CSV, comma-separated only, parsed strictly: a field is either unquoted (no `"` in it)
 * or wholly quoted (`""` is a quote; commas and line breaks inside are data). A record ends at
 * CRLF, LF or a lone CR; a final line break does not start an empty record. Anything else — a
 * quote inside an unquoted field, text after a closing quote, a quote left open — is
 * CSV_MALFORMED with the row, rather than a guess that shifts every later column.
 *
 * Records are numbered from 1 like Excel rows: a quoted line break stays inside its row.
 * Line breaks inside quoted fields come out as `\n` (as in an xlsx cell).
 *
 * @example
 * [...parseCsv('a,"b,c"\r\n1,"say ""hi"""')] // [{ row: 1, fields: ['a', 'b,c'] }, { row: 2, fields: ['1', 'say "hi"'] }]
 */
import { spreadsheetError } from './spreadsheet-error.ts';

export interface CsvRecord {
  /** 1-based, as Excel numbers the row. */
  row: number;
  fields: string[];
}

const QUOTE = 34; // "
const COMMA = 44; // ,
const CR = 13;
const LF = 10;

export function* parseCsv(text: string): Generator<CsvRecord> {
  const length = text.length;
  let at = 0;
  let row = 0;
  while (at < length) {
    row++;
    const fields: string[] = [];
    // One iteration per field; `at` is at the field's first character.
    for (;;) {
      let field: string;
      if (text.charCodeAt(at) === QUOTE) {
        let value = '';
        let from = at + 1;
        for (;;) {
          const close = text.indexOf('"', from);
          if (close === -1) throw spreadsheetError('CSV_MALFORMED', { row, reason: 'unterminated-quote' });
          value += text.slice(from, close);
          if (text.charCodeAt(close + 1) === QUOTE) {
            value += '"';
            from = close + 2;
          } else {
            at = close + 1;
            break;
          }
        }
        const next = text.charCodeAt(at);
        if (at < length && next !== COMMA && next !== CR && next !== LF) throw spreadsheetError('CSV_MALFORMED', { row, reason: 'text-after-quote' });
        field = value.replace(/\r\n?/g, '\n');
      } else {
        let end = at;
        for (; end < length; end++) {
          const c = text.charCodeAt(end);
          if (c === COMMA || c === CR || c === LF) break;
          if (c === QUOTE) throw spreadsheetError('CSV_MALFORMED', { row, reason: 'stray-quote' });
        }
        field = text.slice(at, end);
        at = end;
      }
      fields.push(field);
      if (at < length && text.charCodeAt(at) === COMMA) {
        at++;
        continue;
      }
      // End of record: CRLF, LF, CR or end of text.
      if (text.charCodeAt(at) === CR) at++;
      if (text.charCodeAt(at) === LF) at++;
      break;
    }
    yield { row, fields };
  }
}
