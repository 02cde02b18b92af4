/**
 * Groups an import file's items into batches, each remembering where the file stands after it (byte
 * offset and line number): once a batch and all before it are acknowledged, that is the resume point.
 */
import { readRecords, type ReadFrom, type SourceRecord } from './record-reader.js';
import type { ImportItem } from './items.js';

export interface ImportBatch {
  items: ImportItem[];
  /** The items that are sent (parsed), in order. */
  jsons: string[];
  /** Byte offset and line number right after the batch's last record. */
  end: number;
  nextLine: number;
}

function linesIn(text: string): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Batches of `size` items read from `from`; `toItem` turns a record into an item (csv-rows, ndjson). */
export async function* readBatches(
  file: string,
  csv: boolean,
  from: ReadFrom,
  size: number,
  toItem: (r: SourceRecord) => ImportItem,
): AsyncGenerator<ImportBatch> {
  let batch: ImportBatch = { items: [], jsons: [], end: from.offset, nextLine: from.line };
  for await (const record of readRecords(file, csv, from)) {
    const item = toItem(record);
    batch.items.push(item);
    if (item.json !== undefined) batch.jsons.push(item.json);
    batch.end = record.end;
    batch.nextLine = record.line + linesIn(record.text);
    if (batch.items.length >= size) {
      yield batch;
      batch = { items: [], jsons: [], end: batch.end, nextLine: batch.nextLine };
    }
  }
  if (batch.items.length) yield batch;
}

/** The first record of a file (a CSV header), and where the records after it start. */
export async function firstRecord(file: string, csv: boolean): Promise<{ record: SourceRecord; after: ReadFrom } | null> {
  for await (const record of readRecords(file, csv)) {
    return { record, after: { offset: record.end, line: record.line + linesIn(record.text) } };
  }
  return null;
}
