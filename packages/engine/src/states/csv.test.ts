import { describe, expect, it } from 'vitest';
import { CsvError, parseCsv } from './csv.js';

describe('parseCsv (RFC 4180)', () => {
  const cases: { reason: string; text: string; delimiter?: string; rows: string[][] }[] = [
    { reason: 'plain rows, LF', text: 'a,b\n1,2\n', rows: [['a', 'b'], ['1', '2']] },
    { reason: 'CRLF and no final line break', text: 'a,b\r\n1,2', rows: [['a', 'b'], ['1', '2']] },
    { reason: 'lone CR ends a record', text: 'a\r1', rows: [['a'], ['1']] },
    { reason: 'quoted field with delimiter, quote and line break', text: 'x,"a, ""b""\nc",y\n', rows: [['x', 'a, "b"\nc', 'y']] },
    { reason: 'empty fields and an empty quoted field', text: ',"",\n', rows: [['', '', '']] },
    { reason: 'empty lines are skipped', text: 'a\n\n\nb\n\n', rows: [['a'], ['b']] },
    { reason: 'a lone quote inside an unquoted field is kept', text: 'ab"c,d', rows: [['ab"c', 'd']] },
    { reason: 'AWS: "" is one quote in an unquoted field too', text: 'x,{""MyKey"":""MyValue""}', rows: [['x', '{"MyKey":"MyValue"}']] },
    { reason: 'AWS example row', text: 'abc,123,"This string contains commas, a double quotation marks (""), and a newline (\n)",{""MyKey"":""MyValue""},"[1,2,3]"',
      rows: [['abc', '123', 'This string contains commas, a double quotation marks ("), and a newline (\n)', '{"MyKey":"MyValue"}', '[1,2,3]']] },
    { reason: 'AWS: backslash escapes backslash, quote and delimiter, and is dropped before anything else', text: 'C:\\\\Program Files\\\\A.exe,a\\,b,\\"q\\",\\x', rows: [['C:\\Program Files\\A.exe', 'a,b', '"q"', 'x']] },
    { reason: 'AWS: backslash escapes inside a quoted field', text: '"a\\"b","c\\\\d"', rows: [['a"b', 'c\\d']] },
    { reason: 'text after a closing quote continues the field', text: '"a"b,c', rows: [['ab', 'c']] },
    { reason: 'a line with only a delimiter is a record of empty fields', text: ',\n', rows: [['', '']] },
    { reason: 'spaces are data', text: ' a , b ', rows: [[' a ', ' b ']] },
    { reason: 'UTF-8 byte order mark skipped', text: '\ufeffid,name\n1,é', rows: [['id', 'name'], ['1', 'é']] },
    { reason: 'pipe delimiter', text: 'a|b\n"1|2"|3', delimiter: '|', rows: [['a', 'b'], ['1|2', '3']] },
    { reason: 'tab delimiter', text: 'a\tb\n1\t2', delimiter: '\t', rows: [['a', 'b'], ['1', '2']] },
    { reason: 'space delimiter', text: 'a b\n1 2', delimiter: ' ', rows: [['a', 'b'], ['1', '2']] },
    { reason: 'empty text', text: '', rows: [] },
  ];
  for (const c of cases) {
    it(c.reason, () => expect(parseCsv(c.text, c.delimiter ?? ',')).toEqual(c.rows));
  }

  it('rejects an unterminated quoted field, with its line', () => {
    expect(() => parseCsv('a\n"open,1\n2', ',')).toThrow(CsvError);
    expect(() => parseCsv('a\n"open,1\n2', ',')).toThrow(/line 2/);
  });
});
