import { brotliCompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../server/db/connection.js';
import { compressCheckpoint } from '../../../server/db/replay-repo.js';
import { asciiJsonBytes, storedText } from '../../../server/db/replay-text.js';
import { createStore } from '../../../server/db/store.js';
import { hashSourceKey } from '../../../server/ingest/keys.js';
import { T0 } from '../../helpers/test-server.js';

const body = { s: ['Nguyễn Thị Hường', 'Cấp giấy phép xây dựng', 'plain', 'đ😀x', ''], n: [1, 2.5, null], q: 'a "quoted" \\ line\n' };

describe("a checkpoint's stored text", () => {
  it('is ASCII bytes that parse back to the same JSON, Vietnamese and astral characters included', () => {
    const json = JSON.stringify(body);
    const bytes = asciiJsonBytes(json);
    expect(bytes.every((b) => b < 0x80)).toBe(true);
    expect(JSON.parse(storedText(bytes))).toEqual(body);
  });

  it('reads rows written before as UTF-8', () => {
    const utf8 = Buffer.from(JSON.stringify(body), 'utf8');
    expect(JSON.parse(storedText(utf8))).toEqual(body);
  });

  it('comes back from the store as the JSON written, at either brotli quality', async () => {
    const store = createStore(openDatabase(':memory:'));
    const json = JSON.stringify({ at: T0, seq: 1, s: ['Phường Đông Hòa'], open: [], tasks: [], closedTasks: [], finished: [], ahead: [] });
    store.replay.insert(T0, 1, await compressCheckpoint(json, 4), true);
    const old = Buffer.from(json.replace(String(T0), String(T0 + 1)), 'utf8');
    store.replay.insert(T0 + 1, 1, { bytes: old.length, blob: brotliCompressSync(old) }, false);
    const chain = store.replay.atOrBefore(T0 + 1)!.chain;
    expect(JSON.parse(chain[0].json)).toEqual(JSON.parse(json));
    expect(JSON.parse(chain[1].json).s).toEqual(['Phường Đông Hòa']);
  });
});

describe("many items' events read at once", () => {
  it('answers each item what ofItem answers: indexed and past the mark, in time then arrival order, up to the bound', () => {
    const store = createStore(openDatabase(':memory:'));
    const source = store.sources.create('s', 'dossier', hashSourceKey('s'.repeat(24)), T0);
    const log = (id: string, kind: 'dossier' | 'task', itemId: string, at: number) =>
      store.events.append(source.id, id, kind, itemId, 'assigned', at, T0, JSON.stringify({ id }));
    const s1 = log('e-1', 'dossier', 'D-1', T0 + 5);
    const s2 = log('e-2', 'dossier', 'D-2', T0);
    const s3 = log('e-3', 'task', 'D-1', T0);
    store.events.indexItems([
      { kind: 'dossier', itemId: 'D-1', seq: s1 },
      { kind: 'dossier', itemId: 'D-2', seq: s2 },
      { kind: 'task', itemId: 'D-1', seq: s3 },
    ]);
    store.projections.setProjectedSeq(s3);
    const s4 = log('e-4', 'dossier', 'D-1', T0 + 1);
    // Indexed past the mark too: answered once.
    store.events.indexItems([{ kind: 'dossier', itemId: 'D-1', seq: s4 }]);
    log('e-5', 'dossier', 'D-2', T0 + 9);
    const last = log('e-6', 'dossier', 'D-1', T0 + 3);
    for (const maxSeq of [s3, s4, last]) {
      const many = store.replay.ofItems('dossier', ['D-1', 'D-2', 'D-3'], maxSeq);
      for (const id of ['D-1', 'D-2']) expect(many.get(id) ?? []).toEqual(store.replay.ofItem('dossier', id, maxSeq));
      expect(many.has('D-3')).toBe(false);
    }
    expect(
      store.replay
        .ofItems('task', ['D-1'], last)
        .get('D-1')
        ?.map((r) => r.seq),
    ).toEqual([s3]);
    expect(store.replay.ofItems('dossier', [], last).size).toBe(0);
  });
});
