import { describe, expect, it } from 'vitest';
import { parseCsv } from './parse-csv.ts';
import { SpreadsheetError } from './spreadsheet-error.ts';

const parse = (text: string) => [...parseCsv(text)];
const fieldsOf = (text: string) => parse(text).map((r) => r.fields);

describe('parseCsv (RFC 4180, comma only)', () => {
  it.each([
    [
      'plain fields, CRLF',
      'a,b\r\n1,2\r\n',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'LF and no final line break',
      'a,b\n1,2',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    ['a lone CR ends a record', 'a\rb', [['a'], ['b']]],
    ['quoted comma', '"1,234.5",x', [['1,234.5', 'x']]],
    ['doubled quotes', '"say ""hi""",""""', [['say "hi"', '"']]],
    ['quoted CRLF becomes LF, stays in the field', '"line 1\r\nline 2",z', [['line 1\nline 2', 'z']]],
    ['empty fields and an empty quoted field', ',"",', [['', '', '']]],
    ['a trailing comma is an empty last field', 'a,\r\n', [['a', '']]],
    ['an empty line is an empty record', 'a\r\n\r\nb\r\n', [['a'], [''], ['b']]],
    ['spaces are data', ' a , b ', [[' a ', ' b ']]],
    ['empty text has no records', '', []],
  ])('%s', (_name, text, expected) => {
    expect(fieldsOf(text)).toEqual(expected);
  });

  it('numbers records as Excel numbers rows: a quoted line break does not start a row', () => {
    expect(parse('h\r\n"a\r\nb"\r\n\r\nc').map((r) => r.row)).toEqual([1, 2, 3, 4]);
  });

  it.each([
    ['a quote inside an unquoted field', 'a,b\r\nx,5" pipe\r\n', 2, 'stray-quote'],
    ['text after a closing quote', 'a\r\n"b"c\r\n', 2, 'text-after-quote'],
    ['a space before an opening quote (strict)', 'a, "b"', 1, 'stray-quote'],
    ['an unterminated quoted field', 'a\r\nb\r\n"c,d\r\n', 3, 'unterminated-quote'],
  ])('refuses %s with the row', (_name, text, row, reason) => {
    let error: unknown;
    try {
      parse(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SpreadsheetError);
    expect((error as SpreadsheetError).code).toBe('CSV_MALFORMED');
    expect((error as SpreadsheetError).details).toEqual({ row, reason });
    expect((error as SpreadsheetError).messages.zh).toContain(`第 ${row} 行`);
  });
});
