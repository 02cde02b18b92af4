/**
 * The records of a CSV file of national-portal figures (npm run index:import), each with the line it
 * starts on and its text as written, so a rejected row is reported and kept exactly. RFC 4180 quoting
 * ("" escapes, quoted separators and newlines); the separator is the one the header line uses most of
 * comma, semicolon or tab (a spreadsheet saved with Vietnamese regional settings writes `;`). Blank
 * lines and lines starting with `#` (notes, such as "sample, not real figures") are skipped. Pure.
 */

export interface CsvLine {
  /** 1-based line of the file the record starts on. */
  line: number;
  fields: string[];
  /** The record's text as in the file (without its line end). */
  raw: string;
}

const SEPARATORS = [',', ';', '\t'] as const;
export type CsvSeparator = (typeof SEPARATORS)[number];

/**
 * The file's text: UTF-8 (with or without a byte-order mark), or UTF-16 when it starts with that
 * encoding's mark (a spreadsheet's "Unicode text" export, tab-separated). Pure: bytes in, text out.
 */
export function decodeCsvBytes(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes);
}

/** The separator the header uses most, outside quotes (comma on a tie or none). */
export function detectSeparator(headerLine: string): CsvSeparator {
  let best: CsvSeparator = ',';
  let bestCount = 0;
  for (const sep of SEPARATORS) {
    let n = 0;
    let quoted = false;
    for (const c of headerLine) {
      if (c === '"') quoted = !quoted;
      else if (c === sep && !quoted) n++;
    }
    if (n > bestCount) {
      best = sep;
      bestCount = n;
    }
  }
  return best;
}

/** The first line that is neither blank nor a `#` note: the header. */
function headerLineOf(text: string): string {
  for (const l of text.split('\n')) {
    const t = l.replace(/\r$/, '');
    if (t.trim() !== '' && !t.startsWith('#')) return t;
  }
  return '';
}

/** Parses the whole file (a UTF-8 byte-order mark is dropped) into records. */
export function readCsvLines(input: string): { separator: CsvSeparator; lines: CsvLine[] } {
  const text = input.replace(/^\uFEFF/, '');
  const separator = detectSeparator(headerLineOf(text));
  const lines: CsvLine[] = [];
  let i = 0;
  let line = 1;
  while (i < text.length) {
    const start = i;
    const startLine = line;
    const fields: string[] = [];
    let field = '';
    let quoted = false;
    for (; i < text.length; i++) {
      const c = text[i];
      if (quoted) {
        if (c === '"' && text[i + 1] === '"') {
          field += '"';
          i++;
        } else if (c === '"') quoted = false;
        else {
          if (c === '\n') line++;
          field += c;
        }
      } else if (c === '"' && field.trim() === '') {
        quoted = true;
        field = '';
      } else if (c === separator) {
        fields.push(field);
        field = '';
      } else if (c === '\n') break;
      else if (c !== '\r' || text[i + 1] !== '\n') field += c;
    }
    fields.push(field);
    const raw = text.slice(start, i).replace(/\r$/, '');
    i++; // past the '\n'
    line++;
    if (raw.trim() === '' || raw.startsWith('#')) continue;
    lines.push({ line: startLine, fields: fields.map((f) => f.trim()), raw });
  }
  return { separator, lines };
}
