/**
 * A small delimited-text parser following RFC 4180 ("Common Format and MIME Type for CSV Files"), for the
 * Distributed Map's `ItemReader` with `InputType: CSV` (AWS dg/input-output-itemreader.html). Pure; no dependencies.
 */

/** A malformed CSV text (an unterminated quoted field); `line` is 1-based. */
export class CsvError extends Error {
  constructor(message: string, readonly line: number) { super(message); }
}

/**
 * Parses `text` into rows of fields (strings, never unquoted or converted).
 *
 * RFC 4180: records end at CRLF (LF and CR alone are accepted too); a field may be enclosed in double quotes, and
 * then may contain the delimiter, line breaks and `""` (one escaped quote); a quote inside an unquoted field is kept
 * as is. Beyond the RFC: `delimiter` is any one character (AWS CSVDelimiter: `,` `|` `;` space, tab); a leading
 * UTF-8 byte order mark is skipped; empty lines are skipped (a line break at the end of the text adds no record).
 *
 * @throws {CsvError} for a quoted field without its closing quote, or text other than a delimiter or line break
 * right after a closing quote.
 * @example parseCsv('a,b\n"x, y",2\n', ',') // [['a', 'b'], ['x, y', '2']]
 */
export function parseCsv(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let row: string[] = [];
  let field = '';
  let quotedField = false;
  const endRow = () => {
    if (row.length === 0 && field === '' && !quotedField) return; // empty line
    row.push(field);
    rows.push(row);
    row = [];
    field = '';
    quotedField = false;
  };
  while (i < n) {
    const c = text[i];
    if (c === '"' && field === '' && !quotedField) {
      // quoted field
      const startLine = line;
      i++;
      for (;;) {
        if (i >= n) throw new CsvError(`unterminated quoted field starting on line ${startLine}`, startLine);
        const q = text.indexOf('"', i);
        if (q < 0) throw new CsvError(`unterminated quoted field starting on line ${startLine}`, startLine);
        const chunk = text.slice(i, q);
        line += countBreaks(chunk);
        field += chunk;
        if (text[q + 1] === '"') { field += '"'; i = q + 2; continue; }
        i = q + 1;
        break;
      }
      quotedField = true;
      if (i < n && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') {
        throw new CsvError(`unexpected character ${JSON.stringify(text[i])} after a closing quote on line ${line}`, line);
      }
      continue;
    }
    if (c === delimiter) {
      row.push(field);
      field = '';
      quotedField = false;
      i++;
      continue;
    }
    if (c === '\n' || c === '\r') {
      endRow();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      continue;
    }
    field += c;
    i++;
  }
  if (row.length > 0 || field !== '' || quotedField) endRow();
  return rows;
}

function countBreaks(s: string): number {
  let k = 0;
  for (let j = 0; j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (c === 10) k++;
    else if (c === 13 && s.charCodeAt(j + 1) !== 10) k++;
  }
  return k;
}
