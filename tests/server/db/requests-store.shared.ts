/**
 * One test suite for reminders and explanation requests (server/db/requests-store/contract.ts), run
 * against each engine by its own test file: requests-store-sqlite.test.ts, requests-store-postgres.test.ts.
 * Each engine holds the same seed (tests/helpers/item-seed.ts: twelve requests about dossiers and one
 * about a ward's backlog); its lists must be those of SQLite's reminders repository over the seed file,
 * and each transition must change a request once.
 */
import { describe, expect, it } from 'vitest';
import type { RequestsStore } from '../../../server/db/requests-store/contract.js';
import type { RemindersRepo } from '../../../server/db/reminders-repo.js';
import { SEED_HANDLERS, SEED_NOW, SEED_SENDER_ID, SEED_UNITS } from '../../helpers/item-seed.js';
import { vn } from '../metrics/factories.js';

/** Rows whose query sets no order, compared as a multiset. */
const bag = (rows: readonly object[]) => rows.map((r) => JSON.stringify(r)).sort();

export interface SeededRequests {
  /** The engine's store over the seed. */
  requests: RequestsStore;
  /** SQLite's reminders repository over the seed file: the reference answers. */
  reference: RemindersRepo;
  close(): Promise<void>;
}

const NOVEMBER = { from: vn('2026-11-01T00:00'), to: vn('2026-12-01T00:00') };

/** `open`: the engine's store holding the seed, with the reference; the suite closes it. */
export function describeRequestsStore(engine: string, open: () => Promise<SeededRequests>): void {
  const withSeed = (fn: (s: SeededRequests) => Promise<void>) => async () => {
    const s = await open();
    try {
      await fn(s);
    } finally {
      await s.close();
    }
  };

  describe(`requests store (${engine})`, () => {
    it(
      'lists a unit’s, a sender’s, a dossier’s, a backlog’s and an official’s requests, newest or oldest first, as the repository does',
      withSeed(async ({ requests, reference: ref }) => {
        for (let id = 1; id <= 14; id++) expect(await requests.get(id)).toEqual(ref.get(id));
        expect((await requests.get(1))?.sentBy).toBe('Lãnh đạo thành phố');
        for (const unit of SEED_UNITS) {
          expect(await requests.ofUnit(unit)).toEqual(ref.ofUnit(unit));
          expect(await requests.ofUnit(unit, 2)).toEqual(ref.ofUnit(unit, 2));
          expect(await requests.toUnitOrBySender(unit, 999)).toEqual(ref.toUnitOrBySender(unit, 999));
        }
        expect(await requests.bySender(SEED_SENDER_ID, 5)).toEqual(ref.bySender(SEED_SENDER_ID, 5));
        expect((await requests.bySender(SEED_SENDER_ID)).length).toBe(13);
        expect(await requests.toUnitsOrBySender([SEED_UNITS[0], SEED_UNITS[2]], null)).toEqual(
          ref.toUnitsOrBySender([SEED_UNITS[0], SEED_UNITS[2]], null),
        );
        expect(await requests.toUnitsOrBySender([], SEED_SENDER_ID, 7)).toEqual(ref.toUnitsOrBySender([], SEED_SENDER_ID, 7));
        expect(await requests.aboutDossier('HS-005')).toEqual(ref.aboutDossier('HS-005'));
        expect(await requests.aboutSubject('unit', SEED_UNITS[1])).toEqual(ref.aboutSubject('unit', SEED_UNITS[1]));
        for (const h of SEED_HANDLERS) {
          expect(await requests.byHolder(h.id, NOVEMBER.from, NOVEMBER.to)).toEqual(ref.byHolder(h.id, NOVEMBER.from, NOVEMBER.to));
        }
        expect(bag(await requests.countsByHolder(NOVEMBER.from, NOVEMBER.to))).toEqual(bag(ref.countsByHolder(NOVEMBER.from, NOVEMBER.to)));
        expect(await requests.pendingOverdue(SEED_NOW)).toEqual(ref.pendingOverdue(SEED_NOW));
        expect((await requests.pendingOverdue(SEED_NOW)).length).toBeGreaterThan(0);
      }),
    );

    it(
      'sends, reads, answers and shows an answer seen once each, and notes an overdue request once',
      withSeed(async ({ requests }) => {
        const sent = await requests.create({
          unit: SEED_UNITS[0],
          dossierId: 'HS-003',
          message: 'Giải trình chậm trễ',
          sentBy: SEED_SENDER_ID,
          sentAt: SEED_NOW,
          kind: 'explanation',
          holder: SEED_HANDLERS[0],
          answerDueAt: SEED_NOW + 86_400_000,
        });
        expect(sent).toMatchObject({ id: 14, kind: 'explanation', subjectType: 'dossier', subjectId: 'HS-003', holderId: 'cb-01' });
        expect(sent).toMatchObject({ acknowledgedAt: null, answer: null, sentByUsername: 'lanh-dao' });
        expect(await requests.answer(1, SEED_SENDER_ID, SEED_NOW, 'không phải giải trình')).toBe(false);
        expect(await requests.acknowledge(sent.id, SEED_SENDER_ID, SEED_NOW + 1)).toBe(true);
        expect(await requests.acknowledge(sent.id, SEED_SENDER_ID, SEED_NOW + 2)).toBe(false);
        expect(await requests.answer(sent.id, SEED_SENDER_ID, SEED_NOW + 3, 'Đã xử lý')).toBe(true);
        expect(await requests.answer(sent.id, SEED_SENDER_ID, SEED_NOW + 4, 'lần hai')).toBe(false);
        expect(await requests.get(sent.id)).toMatchObject({ acknowledgedAt: SEED_NOW + 1, answeredAt: SEED_NOW + 3, answer: 'Đã xử lý' });
        expect(await requests.markAnswersSeen(SEED_SENDER_ID, [sent.id, sent.id, 1, 999], SEED_NOW + 5)).toEqual([sent.id]);
        expect(await requests.markAnswersSeen(SEED_SENDER_ID, [sent.id], SEED_NOW + 6)).toEqual([]);
        const [due] = await requests.pendingOverdue(SEED_NOW);
        expect(await requests.noteOverdue(due, SEED_NOW)).toBe(true);
        expect(await requests.noteOverdue(due, SEED_NOW + 1)).toBe(false);
        expect((await requests.get(due))?.overdueNotedAt).toBe(SEED_NOW);
        expect(await requests.pendingOverdue(SEED_NOW)).not.toContain(due);
        expect(await requests.get(999)).toBeNull();
      }),
    );
  });
}
