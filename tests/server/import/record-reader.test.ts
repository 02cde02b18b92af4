import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readRecords, type SourceRecord } from '../../../server/import/record-reader.js';
import { readBatches } from '../../../server/import/batches.js';
import { ndjsonItem } from '../../../server/import/items.js';

const dir = mkdtempSync(join(tmpdir(), 'bdt-import-reader-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const f = join(dir, name);
  writeFileSync(f, content);
  return f;
}

async function all(f: string, csv: boolean, from?: { offset: number; line: number }): Promise<SourceRecord[]> {
  const out: SourceRecord[] = [];
  for await (const r of readRecords(f, csv, from)) out.push(r);
  return out;
}

describe('readRecords', () => {
  it('skips a UTF-8 BOM, strips CRLF, skips blank lines and keeps each record’s line number and byte range', async () => {
    const f = file('a.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Mã hồ sơ;b\r\n\r\nx;1\r\ny;2')]));
    const records = await all(f, true);
    expect(records.map((r) => [r.line, r.text])).toEqual([
      [1, 'Mã hồ sơ;b'],
      [3, 'x;1'],
      [4, 'y;2'],
    ]);
    expect(records[0].start).toBe(3);
    expect(records[2].end).toBe(Buffer.byteLength('\ufeffMã hồ sơ;b\r\n\r\nx;1\r\ny;2'));
  });

  it('joins the lines of a quoted CSV field that spans lines into one record', async () => {
    const f = file('b.csv', 'id,reason\n1,"Thiếu\nbản sao"\n2,ok\n');
    const records = await all(f, true);
    expect(records.map((r) => [r.line, r.text])).toEqual([
      [1, 'id,reason'],
      [2, '1,"Thiếu\nbản sao"'],
      [4, '2,ok'],
    ]);
  });

  it('starts at a saved offset with the saved line number (a resumed import)', async () => {
    const text = '{"a":1}\n{"a":2}\n{"a":3}\n';
    const f = file('c.ndjson', text);
    const first = await all(f, false);
    const resumed = await all(f, false, { offset: first[1].end, line: 3 });
    expect(resumed).toEqual([{ line: 3, start: first[2].start, end: text.length, text: '{"a":3}' }]);
  });
});

describe('readBatches', () => {
  it('groups items and records where the file stands after each batch', async () => {
    const f = file('d.ndjson', '{"a":1}\nnot json\n{"a":3}\n\n{"a":5}\n');
    const batches = [];
    for await (const b of readBatches(f, false, { offset: 0, line: 1 }, 2, ndjsonItem)) batches.push(b);
    expect(batches.map((b) => [b.items.map((i) => i.line), b.jsons, b.nextLine])).toEqual([
      [[1, 2], ['{"a":1}'], 3],
      [[3, 5], ['{"a":3}', '{"a":5}'], 6],
    ]);
    expect(batches[0].items[1].errors?.[0].message).toMatch(/^not JSON/);
  });
});
