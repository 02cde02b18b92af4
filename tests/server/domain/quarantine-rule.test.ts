import { describe, expect, it } from 'vitest';
import { quarantineRule, quarantineRuleOfJson } from '../../../server/domain/quarantine-rule.js';
import { readDvcqgRecord } from '../../../server/domain/dvcqg-record.js';
import { validateEvent, type ValidationContext } from '../../../server/ingest/validate.js';
import { unitLimitErrors } from '../../../server/ingest/unit-limit.js';
import type { FieldError } from '../../../shared/contract/errors.js';

const NOW = Date.parse('2026-11-20T09:00:00+07:00');
const ctx: ValidationContext = { now: NOW, isKnownCode: (c) => c === '26740', jurisdictionName: 'TP. Hồ Chí Minh' };

function received(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'e-1',
    type: 'received',
    dossierId: 'D-1',
    at: '2026-11-20T08:00:00+07:00',
    unit: '26740',
    procedure: { code: '1.001193', name: 'Đăng ký khai sinh', field: 'Hộ tịch', legalDays: 3 },
    channel: 'online',
    dueAt: '2026-11-25T17:00:00+07:00',
    ...over,
  };
}

/** The errors the real validation gives (so a change of wording there shows here). */
function errorsOf(raw: unknown): FieldError[] {
  const v = validateEvent('dossier', raw, ctx);
  if (v.ok) throw new Error('expected a rejection');
  return v.errors;
}

function dvcqgErrors(raw: Record<string, unknown>): FieldError[] {
  const r = readDvcqgRecord(
    raw,
    (v) => (v === '26740' ? { ok: true, code: v } : { ok: false, message: `"${v}" is neither the code nor the name of a unit` }),
    null,
    NOW,
  );
  if (r.ok) throw new Error('expected a rejection');
  return r.errors;
}

const dvcqg = {
  MaHoSo: 'G-1',
  MaTTHC: '1.001193',
  TenLinhVuc: 'Hộ tịch',
  KenhThucHien: '2',
  NgayTiepNhan: '20261120081500',
  NgayHenTra: '20261125170000',
  TrangThaiHoSo: '4',
  DonViXuLy: '26740',
};

describe('quarantineRule: the rule a rejected event broke, from the errors the ingest path gives', () => {
  it.each([
    ['a payload that is not an object', errorsOf([1, 2]), 'not_object'],
    ['an unknown unit code', errorsOf(received({ unit: '99999' })), 'unknown_code'],
    ['a missing field', errorsOf(received({ dossierId: undefined })), 'required'],
    ['an empty unit code', errorsOf(received({ unit: '' })), 'required'],
    ['a channel that is none of the allowed ones', errorsOf(received({ channel: 'fax' })), 'invalid_value'],
    ['a DVCQG list that is not a list', dvcqgErrors({ ...dvcqg, DanhSachHoSoBoSung: 'không có' }), 'wrong_type'],
    ['a date that is not ISO 8601', errorsOf(received({ at: '20/11/2026' })), 'bad_date'],
    ['a due date before the receipt', errorsOf(received({ dueAt: '2026-11-19T08:00:00+07:00' })), 'date_order'],
    [
      'an instant ahead of the server clock',
      errorsOf(received({ at: '2026-11-20T10:00:00+07:00', dueAt: '2026-11-25T17:00:00+07:00' })),
      'future',
    ],
    ['an unknown event type', errorsOf(received({ type: 'teleported' })), 'invalid_value'],
    ['an unknown DVCQG status', dvcqgErrors({ ...dvcqg, TrangThaiHoSo: '42' }), 'unknown_status'],
    ['a DVCQG date that does not exist', dvcqgErrors({ ...dvcqg, NgayHenTra: '20261131170000' }), 'bad_date'],
    ['a DVCQG unit named by no unit', dvcqgErrors({ ...dvcqg, DonViXuLy: 'UBND Phường Không Có' }), 'unknown_code'],
  ])('%s', (_what, errors, rule) => {
    expect(quarantineRule(errors)).toBe(rule);
  });

  it('names a unit-limited source writing another unit outside_units', () => {
    const [errors] = unitLimitErrors('dossier', [received({ unit: '26743' })], ['26740'], {
      dossierUnit: () => undefined,
      taskAssignee: () => undefined,
    });
    expect(quarantineRule(errors!)).toBe('outside_units');
  });

  it('names an id re-used with other content a conflict, also when the DVCQG adapter prefixes the event type', () => {
    expect(
      quarantineRule([{ path: 'id', message: 'conflict: event id "e-1" was already accepted from this source with different content' }]),
    ).toBe('conflict');
    expect(quarantineRule([{ path: 'MaHoSo', message: 'received: id conflict: event id "x" was already accepted' }])).toBe('conflict');
  });

  it('goes by the first error only, and says other for no error or an unknown sentence', () => {
    expect(quarantineRule([...errorsOf(received({ unit: '99999' })), { path: 'x', message: 'is required' }])).toBe('unknown_code');
    expect(quarantineRule([])).toBe('other');
    expect(quarantineRule([{ path: '', message: 'something new' }])).toBe('other');
  });

  it('reads the stored JSON text, and says other for text that is not a list', () => {
    expect(quarantineRuleOfJson(JSON.stringify([{ path: 'unit', message: 'is required (string)' }]))).toBe('required');
    expect(quarantineRuleOfJson('not json')).toBe('other');
    expect(quarantineRuleOfJson('{}')).toBe('other');
    expect(quarantineRuleOfJson(null)).toBe('other');
  });
});
