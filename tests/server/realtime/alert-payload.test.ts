import { describe, expect, it } from 'vitest';
import { alertPayload, type AlertSources } from '../../../server/realtime/alert-payload.js';
import { emptyDossierState } from '../../../server/domain/dossier.js';
import { emptyTaskState } from '../../../server/domain/task.js';
import type { DossierState, Hold, TaskState } from '../../../server/domain/types.js';
import type { Alert } from '../../../server/metrics/engine.js';

const AT = Date.parse('2026-11-20T10:00:00+07:00');
const DUE = Date.parse('2026-11-20T10:00:00+07:00');

const hold = (over: Partial<Hold> = {}): Hold => ({
  handlerId: 'cb9',
  handlerName: 'Trần Thị B',
  handlerUnit: '26740',
  from: AT - 3_600_000,
  to: null,
  stepDueAt: null,
  ...over,
});

const dossier = (over: Partial<DossierState> = {}): DossierState => ({
  ...emptyDossierState('D-1'),
  unit: '26740',
  procedure: { code: '1.001193', name: 'Đăng ký khai sinh', field: 'Hộ tịch', legalDays: 3 },
  dueAt: DUE,
  ...over,
});

const task = (over: Partial<TaskState> = {}): TaskState => ({ ...emptyTaskState('T-1'), title: 'Báo cáo quý', dueAt: DUE, ...over });

function sources(d: DossierState | null, t: TaskState | null = null): AlertSources {
  return {
    latestDossier: (id) => (d && d.id === id ? d : null),
    latestTask: (id) => (t && t.id === id ? t : null),
    unitName: (code) => (code === '26740' ? 'Phường Bến Thành' : code),
  };
}

const dossierAlert: Alert = { kind: 'dossier', id: 'D-1', code: '26740', at: AT };
const taskAlert: Alert = { kind: 'task', id: 'T-1', code: '26740', at: AT };

describe('alertPayload', () => {
  it('names the procedure, the unit, the due time and the official holding a dossier now', () => {
    expect(alertPayload(dossierAlert, sources(dossier({ holds: [hold({ to: AT - 60_000, handlerName: 'Lê Văn A' }), hold()] })))).toEqual({
      kind: 'dossier',
      id: 'D-1',
      unit: '26740',
      unitName: 'Phường Bến Thành',
      title: 'Đăng ký khai sinh',
      dueAt: '2026-11-20T10:00:00.000+07:00',
      at: '2026-11-20T10:00:00.000+07:00',
      holderName: 'Trần Thị B',
    });
  });

  it('shapes a dossier that became at risk like a dossier’s alert, of kind at_risk, with the instant it became at risk', () => {
    const at = DUE - 7 * 3_600_000;
    expect(alertPayload({ kind: 'at_risk', id: 'D-1', code: '26740', at, dueAt: DUE }, sources(dossier({ holds: [hold()] })))).toEqual({
      kind: 'at_risk',
      id: 'D-1',
      unit: '26740',
      unitName: 'Phường Bến Thành',
      title: 'Đăng ký khai sinh',
      dueAt: '2026-11-20T10:00:00.000+07:00',
      at: '2026-11-20T03:00:00.000+07:00',
      holderName: 'Trần Thị B',
    });
  });

  it.each([
    ['no hold at all', []],
    ['only a finished hold', [hold({ to: AT - 60_000 })]],
  ])('has no holder when a dossier has %s', (_label, holds) => {
    expect(alertPayload(dossierAlert, sources(dossier({ holds }))).holderName).toBeNull();
  });

  it('falls back to the id as title and no due time when the dossier is not known', () => {
    expect(alertPayload(dossierAlert, sources(null))).toMatchObject({
      title: 'D-1',
      dueAt: null,
      holderName: null,
      unitName: 'Phường Bến Thành',
    });
  });

  it('names a task by its title and never by a holder', () => {
    expect(alertPayload(taskAlert, sources(null, task()))).toEqual({
      kind: 'task',
      id: 'T-1',
      unit: '26740',
      unitName: 'Phường Bến Thành',
      title: 'Báo cáo quý',
      dueAt: '2026-11-20T10:00:00.000+07:00',
      at: '2026-11-20T10:00:00.000+07:00',
      holderName: null,
    });
    expect(alertPayload(taskAlert, sources(null))).toMatchObject({ title: 'T-1', dueAt: null });
  });

  it('uses the code as unit name when the unit is not known', () => {
    expect(alertPayload({ ...taskAlert, code: '99999' }, sources(null, task())).unitName).toBe('99999');
  });
});
