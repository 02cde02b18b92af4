import { describe, expect, it } from 'vitest';
import { foldDossier } from '../../../server/domain/dossier.js';
import {
  hasBit,
  indexBits,
  isSatisfactionBad,
  IXB_COMPLAINT_KNOWN,
  IXB_DIGITISED,
  IXB_DIGITISED_KNOWN,
  IXB_ERESULT_KNOWN,
  IXB_FEE_DUE,
  IXB_PAID_ONLINE,
  UNKNOWN_INDEX_FIELDS,
  type IndexFields,
} from '../../../server/domain/service-index-facts.js';
import { dossierEventSchema } from '../../../server/domain/wire-schemas.js';
import type { DossierEvent } from '../../../server/domain/types.js';
import { ctx, received, vn } from '../metrics/factories.js';

const recv = (extra: Partial<DossierEvent>): DossierEvent =>
  ({ ...received('A', vn('2026-11-02T08:00'), vn('2026-11-05T17:00')), ...extra }) as DossierEvent;
const fields = (over: Partial<IndexFields>): IndexFields => ({ ...UNKNOWN_INDEX_FIELDS, ...over });

describe('index fields on the dossier state', () => {
  it('leaves every field unknown (null), never false, when the source sends none', () => {
    const s = foldDossier([recv({})], ctx);
    expect(s.index ?? UNKNOWN_INDEX_FIELDS).toEqual(UNKNOWN_INDEX_FIELDS);
  });

  it('reads a fee of 0 as no fee and a positive fee as fee-bearing', () => {
    expect(foldDossier([recv({ fee: 0 })], ctx).index?.hasFee).toBe(false);
    expect(foldDossier([recv({ fee: 50_000 })], ctx).index?.hasFee).toBe(true);
  });

  it('takes a result field sent at the end of processing and keeps fields a later event leaves out', () => {
    const s = foldDossier(
      [
        recv({ digitized: true, hasFee: true }),
        { id: 'p', type: 'processed', dossierId: 'A', at: vn('2026-11-03T10:00'), electronicResult: true, paidOnline: false },
        { id: 'r', type: 'returned', dossierId: 'A', at: vn('2026-11-03T11:00') },
      ],
      ctx,
    );
    expect(s.index).toMatchObject({ digitized: true, hasFee: true, electronicResult: true, paidOnline: false, reusedData: null });
  });

  it('counts an unsatisfied rating as a complaint, and a satisfied one as known without erasing an earlier complaint', () => {
    const rated = (rating: 'satisfied' | 'unsatisfied', id: string): DossierEvent => ({
      id,
      type: 'rated',
      dossierId: 'A',
      at: vn('2026-11-04T08:00'),
      rating,
    });
    expect(foldDossier([recv({}), rated('unsatisfied', 'r1')], ctx).index?.complaint).toBe(true);
    expect(foldDossier([recv({}), rated('satisfied', 'r1')], ctx).index?.complaint).toBe(false);
    expect(foldDossier([recv({ complaint: true }), rated('satisfied', 'r1')], ctx).index?.complaint).toBe(true);
  });
});

describe('a dossier’s index bits', () => {
  it('leaves a fee-bearing dossier with an unknown payment out of the payment denominator', () => {
    const bits = indexBits(fields({ hasFee: true }));
    expect(hasBit(bits, IXB_FEE_DUE)).toBe(false);
    expect(hasBit(indexBits(fields({ hasFee: true, paidOnline: true })), IXB_PAID_ONLINE)).toBe(true);
  });

  it('leaves a fee-free dossier out of the payment indicator even when paid online is sent', () => {
    expect(indexBits(fields({ hasFee: false, paidOnline: true }))).toBe(0);
  });

  it('knows a dossier is not a digitised one as soon as either digitised components or the electronic result is false', () => {
    const bits = indexBits(fields({ digitized: false }));
    expect(hasBit(bits, IXB_DIGITISED_KNOWN)).toBe(true);
    expect(hasBit(bits, IXB_DIGITISED)).toBe(false);
    expect(hasBit(indexBits(fields({ digitized: true })), IXB_DIGITISED_KNOWN)).toBe(false);
    expect(hasBit(indexBits(fields({ digitized: true, electronicResult: true })), IXB_DIGITISED)).toBe(true);
    expect(hasBit(indexBits(fields({ electronicResult: false })), IXB_ERESULT_KNOWN)).toBe(true);
  });

  it('counts satisfaction only where the complaint is known; late or overdue counts once with a complaint', () => {
    const none = indexBits(fields({}));
    expect(isSatisfactionBad(none, true)).toBe(false);
    const ok = indexBits(fields({ complaint: false }));
    expect(hasBit(ok, IXB_COMPLAINT_KNOWN)).toBe(true);
    expect(isSatisfactionBad(ok, false)).toBe(false);
    expect(isSatisfactionBad(ok, true)).toBe(true);
    expect(isSatisfactionBad(indexBits(fields({ complaint: true })), true)).toBe(true);
  });
});

describe('the ingest contract of the index fields', () => {
  const wire = { id: 'e1', dossierId: 'A', at: '2026-11-02T08:00:00+07:00', type: 'processed' };
  it('accepts the optional fields on processed and returned', () => {
    const r = dossierEventSchema.safeParse({ ...wire, electronicResult: true, fee: 20_000, hasFee: true, complaint: false });
    expect(r.success).toBe(true);
  });
  it('rejects a hasFee that contradicts the fee, naming hasFee', () => {
    const r = dossierEventSchema.safeParse({ ...wire, fee: 0, hasFee: true });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({ path: ['hasFee'] });
  });
  it('rejects a field that is not a boolean', () => {
    expect(dossierEventSchema.safeParse({ ...wire, digitized: 'yes' }).success).toBe(false);
  });
});
