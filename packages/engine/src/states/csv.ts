/**
 * The delimited-text parser of the Distributed Map's `ItemReader` (`InputType: CSV`, S3 Inventory files): RFC 4180
 * ("Common Format and MIME Type for CSV Files") with the additions AWS documents in "How Step Functions parses input
 * CSV files" (dg/example-csv-parse-dist-map.html). Pure; no dependencies.
 */

/** A malformed delimited text (a quoted field without its closing quote); `line` is 1-based. */
export class CsvError extends Error {
  constructor(message: string, readonly line: number) { super(message); }
}

/**
 * Parses `text` into rows of fields (always strings).
 *
 * RFC 4180: records end at CRLF (LF and CR alone too); a field enclosed in double quotes may contain the delimiter,
 * line breaks and `""` (one quote). AWS's additions: in an unquoted field `""` is one quote and a lone quote is
 * kept; a backslash escapes a backslash, a double quote or the delimiter (`\\` → `\`, `\"` → `"`, `\,` → `,`) and
 * is dropped before any other character; text after a closing quote continues the field. Also: `delimiter` is one
 * character (CSVDelimiter `,` `|` `;` space, tab); a leading byte order mark is skipped; empty lines are skipped (a
 * final line break adds no record).
 *
 * @throws {CsvError} for a quoted field that is never closed.
 * @example parseCsv('a,b\n"x, y",2\n', ',') // [['a', 'b'], ['x, y', '2']]
 */
export function parseCsv(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let row: string[] = [];
  let field = '';
  let touched = false; // the current field has content or quotes (an empty line has neither)
  const endField = () => { row.push(field); field = ''; touched = false; };
  while (i < n) {
    const c = text[i];
    if (c === '\\') {
      const d = text[i + 1];
      if (d === undefined) { i++; continue; }
      if (d === '\\' || d === '"' || d === delimiter) { field += d; touched = true; i += 2; continue; }
      i++; // dropped before any other character
      continue;
    }
    if (c === '"') {
      if (touched) { // inside an unquoted field: "" is one quote, a lone quote is kept
        field += '"';
        i += text[i + 1] === '"' ? 2 : 1;
        continue;
      }
      // a quoted section
      const startLine = line;
      touched = true;
      i++;
      for (;;) {
        if (i >= n) throw new CsvError(`unterminated quoted field starting on line ${startLine}`, startLine);
        const q = text[i];
        if (q === '"') {
          if (text[i + 1] === '"') { field += '"'; i += 2; continue; }
          i++;
          break;
        }
        if (q === '\\' && i + 1 < n) {
          const d = text[i + 1];
          if (d === '\\' || d === '"' || d === delimiter) { field += d; i += 2; } else i++;
          continue;
        }
        if (q === '\n' || (q === '\r' && text[i + 1] !== '\n')) line++;
        field += q;
        i++;
      }
      continue;
    }
    if (c === delimiter) {
      endField();
      i++;
      continue;
    }
    if (c === '\n' || c === '\r') {
      if (touched || row.length > 0) { endField(); rows.push(row); row = []; }
      touched = false;
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      continue;
    }
    field += c;
    touched = true;
    i++;
  }
  if (touched || row.length > 0) { endField(); rows.push(row); }
  return rows;
}
