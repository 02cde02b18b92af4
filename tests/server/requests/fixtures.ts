/** Dossiers and a task for the request tests: who holds what, in wards and departments. */
import { receivedEvent, type TestServer } from '../../helpers/test-server.js';

export const WARD = '26740';
export const OTHER_WARD = '26743';
export const DEPT = 'STP';
export const OTHER_DEPT = 'SXD';

function assigned(id: string, dossierId: string, handler: { id: string; name: string; unit: string }, at = '2026-11-19T09:00:00+07:00') {
  return { id, type: 'assigned', dossierId, at, handler };
}

/**
 * D-1: a ward dossier held by the ward's official cb-1; D-LT: a ward dossier now with an official of
 * the department STP (an inter-level step); D-SXD: a dossier of another department held there;
 * D-W2: another ward's dossier held there. T-1: a task of the ward. All received on Thursday 19/11.
 */
export async function seedItems(srv: TestServer): Promise<void> {
  const received = (id: string, unit: string) =>
    receivedEvent({ id: `r-${id}`, dossierId: id, unit, at: '2026-11-19T08:00:00+07:00', dueAt: '2026-11-19T17:00:00+07:00' });
  const res = await srv.post('/api/v1/ingest/dossiers', {
    events: [
      received('D-1', WARD),
      assigned('a-1', 'D-1', { id: 'cb-1', name: 'Nguyễn Thị Lan', unit: WARD }),
      received('D-LT', WARD),
      assigned('a-lt1', 'D-LT', { id: 'cb-1', name: 'Nguyễn Thị Lan', unit: WARD }),
      assigned('a-lt2', 'D-LT', { id: 'stp-1', name: 'Trần Văn Sở', unit: DEPT }, '2026-11-19T10:00:00+07:00'),
      received('D-SXD', OTHER_DEPT),
      assigned('a-sxd', 'D-SXD', { id: 'sxd-1', name: 'Lê Văn Xây', unit: OTHER_DEPT }),
      received('D-W2', OTHER_WARD),
      assigned('a-w2', 'D-W2', { id: 'w2-1', name: 'Phạm Thị Hai', unit: OTHER_WARD }),
    ],
  });
  if (res.body.accepted !== 9) throw new Error(`seed: ${JSON.stringify(res.body)}`);
  const task = await srv.post(
    '/api/v1/ingest/tasks',
    {
      events: [
        {
          id: 't-1',
          type: 'assigned',
          taskId: 'T-1',
          at: '2026-11-02T08:00:00+07:00',
          title: 'Rà soát hồ sơ đất đai tồn đọng',
          document: { number: '123/UBND-VX', date: '2026-11-01' },
          issuer: 'UBND Thành phố',
          assignee: WARD,
          dueAt: '2026-11-10',
        },
      ],
    },
    srv.taskKey,
  );
  if (task.body.accepted !== 1) throw new Error(`seed task: ${JSON.stringify(task.body)}`);
}

/** An explanation request about a dossier, as the API takes it. */
export const explanationAbout = (dossierId: string, extra: Record<string, unknown> = {}) => ({
  kind: 'explanation',
  subject: { type: 'dossier', id: dossierId },
  message: 'Đề nghị giải trình lý do hồ sơ quá hạn.',
  ...extra,
});
