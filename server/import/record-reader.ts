/**
 * Reads an import file as records with their byte offsets and line numbers, from any offset (a resumed
 * import starts where the last acknowledged record ended). NDJSON: one record per line. CSV: a record
 * may span lines inside a quoted field, so lines are joined while the quotes are unbalanced.
 */
import { createReadStream } from 'node:fs';

export interface SourceRecord {
  /** 1-based line number of the record's first line. */
  line: number;
  /** Byte offset of the record's first byte, and of the byte after its last line's newline. */
  start: number;
  end: number;
  /** The record's text, without its final line break (CSV records spanning lines keep their inner `\n`). */
  text: string;
}

export interface ReadFrom {
  offset: number;
  /** Line number of the line that starts at `offset` (1 at the start of the file). */
  line: number;
}

const BOM = [0xef, 0xbb, 0xbf];

/** Whether a CSV record's text has an odd number of quotes, i.e. a quoted field goes on past the line. */
function quoteOpen(text: string): boolean {
  let n = 0;
  for (let i = text.indexOf('"'); i !== -1; i = text.indexOf('"', i + 1)) n++;
  return n % 2 === 1;
}

/** The file's records from `from` on; blank lines are skipped (their bytes still count). */
export async function* readRecords(file: string, csv: boolean, from: ReadFrom = { offset: 0, line: 1 }): AsyncGenerator<SourceRecord> {
  let offset = from.offset;
  let line = from.line;
  let rest: Buffer = Buffer.alloc(0);
  let pending: SourceRecord | null = null;
  let first = offset === 0;

  const emit = function* (text: string, start: number, end: number, lineNo: number): Generator<SourceRecord> {
    if (pending) {
      pending.text += '\n' + text;
      pending.end = end;
    } else pending = { line: lineNo, start, end, text };
    if (csv && quoteOpen(pending.text)) return;
    const r = pending;
    pending = null;
    if (r.text.trim() !== '') yield r;
  };

  for await (const chunk of createReadStream(file, { start: offset, highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    const buf = rest.length ? Buffer.concat([rest, chunk]) : chunk;
    let pos = 0;
    if (first) {
      if (buf.length < 3) {
        rest = buf;
        continue;
      }
      if (buf[0] === BOM[0] && buf[1] === BOM[1] && buf[2] === BOM[2]) pos = 3;
      offset += pos;
      first = false;
    }
    for (let nl = buf.indexOf(0x0a, pos); nl !== -1; nl = buf.indexOf(0x0a, pos)) {
      const endText = nl > pos && buf[nl - 1] === 0x0d ? nl - 1 : nl;
      const start = offset;
      offset += nl + 1 - pos;
      yield* emit(buf.toString('utf8', pos, endText), start, offset, line++);
      pos = nl + 1;
    }
    rest = buf.subarray(pos);
  }
  if (rest.length) {
    const endText = rest[rest.length - 1] === 0x0d ? rest.length - 1 : rest.length;
    const start = offset;
    offset += rest.length;
    yield* emit(rest.toString('utf8', 0, endText), start, offset, line);
  }
  // A quoted field never closed: the record goes on to the end of the file and is reported as is.
  const last = pending as SourceRecord | null;
  if (last && last.text.trim() !== '') yield last;
}
