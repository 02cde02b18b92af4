/**
 * The bad-input cases of the fault suite, shared by `npm run faults` and its vitest test: each is a few
 * requests built from the server's clock, each with the answer it must get (status, error code, the
 * fields named). A case never depends on another's data: its ids carry its own prefix.
 */
import { dvcqgRecord, processed, received, taskAssigned } from './events.js';
import { json, type RawRequest } from './http.js';

export const DOSSIERS = '/api/v1/ingest/dossiers';
export const TASKS = '/api/v1/ingest/tasks';
export const DVCQG = '/api/v1/ingest/dvcqg';
const HOUR = 3_600_000;

export interface CaseContext {
  /** The server's clock when the case starts. */
  now: number;
}

export interface Expected {
  status: number;
  /** The refused request's error code. */
  code?: string;
  /** The refused request's message must match (it says what, where and why). */
  message?: RegExp;
  accepted?: number;
  duplicate?: number;
  unchanged?: number;
  rejected?: number;
  /** The first error path of each rejected result, in order. */
  paths?: string[];
  /** A rejected result's errors must include each of these paths (for one record with many faults). */
  allPaths?: string[];
}

export interface Step {
  what: string;
  path: typeof DOSSIERS | typeof TASKS | typeof DVCQG;
  /** Events (or DVCQG records) the request carries as sent. */
  events: number;
  request: RawRequest;
  expect: Expected;
}

export interface FaultCase {
  name: string;
  steps(ctx: CaseContext): Step[];
}

const batch = (events: unknown[]): RawRequest => json({ events });

/** The body's limit (MAX_INGEST_BODY, 8 MB as express counts it: 8 MiB). */
export const BODY_LIMIT_BYTES = 8 * 1024 * 1024;

/**
 * `count` valid receipts, pretty-printed as some systems send them, with full-length Vietnamese
 * procedure names, then padded with JSON whitespace to exactly `bytes` bytes.
 */
export function sizedBatch(prefix: string, count: number, bytes: number, at: number): string {
  const name = 'Cấp giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất; '.repeat(6).slice(0, 500);
  const field = 'Đất đai — đăng ký biến động, cấp đổi, cấp lại giấy chứng nhận; '.repeat(4).slice(0, 200);
  const events = Array.from({ length: count }, (_, i) =>
    received(`${prefix}-${i}`, `${prefix}-D${i}`, at, { procedure: { code: '1.004227', name, field, legalDays: 15 } }),
  );
  const text = JSON.stringify({ events }, null, 4);
  const size = Buffer.byteLength(text);
  if (size > bytes) throw new Error(`${count} events take ${size} bytes, more than ${bytes}`);
  return text.slice(0, -1) + ' '.repeat(bytes - size) + '}';
}

const latin1 = (v: unknown): RawRequest => ({ bytes: Buffer.from(JSON.stringify(v), 'latin1') });

function utf16(v: unknown, order: 'le' | 'be', bom: boolean): Uint8Array {
  const le = Buffer.from((bom ? '\ufeff' : '') + JSON.stringify(v), 'utf16le');
  return order === 'le' ? le : le.swap16();
}

/** Dates as systems get them wrong, each in a receipt's `at` (the first five) or `dueAt`. */
const WRONG_DATES: [string, unknown][] = [
  ['at', '2026-11-20 08:00'],
  ['at', '20/11/2026 08:00:00'],
  ['at', '2026-11-20T08:00:00'],
  ['at', '20261120080000'],
  ['at', '2026-13-01T08:00:00+07:00'],
  ['at', '2026-02-30T08:00:00+07:00'],
  ['at', '2026-11-20T25:00:00+07:00'],
  ['at', '2026-11-20T08:00:00+25:00'],
  ['at', ''],
  ['at', 'hôm qua'],
  ['at', 1763600400000],
  ['at', null],
  ['dueAt', '25/11/2026'],
  ['dueAt', '2026-11-31'],
  ['dueAt', '11/25/2026 17:00'],
];

export const CASES: FaultCase[] = [
  {
    name: 'truncated JSON',
    steps: ({ now }) => {
      const full = JSON.stringify({ events: [received('tr-1', 'TR-1', now - HOUR), received('tr-2', 'TR-2', now - HOUR)] });
      return [
        {
          what: 'a batch of 2 cut in the middle',
          path: DOSSIERS,
          events: 2,
          request: { bytes: full.slice(0, Math.floor(full.length / 2)) },
          expect: { status: 400, code: 'invalid_json', message: /position \d+/ },
        },
        { what: 'the same batch whole', path: DOSSIERS, events: 2, request: { bytes: full }, expect: { status: 200, accepted: 2 } },
      ];
    },
  },
  {
    name: 'wrong encodings',
    steps: ({ now }) => {
      const names = [
        received('enc-1', 'ENC-1', now - HOUR, { procedure: { code: '1.0', name: 'Phòng Tài chính', field: 'Tài chính', legalDays: 3 } }),
      ];
      const viet = [received('enc-2', 'ENC-2', now - HOUR), received('enc-3', 'ENC-3', now - HOUR)];
      return [
        {
          what: 'Latin-1 bytes, no charset',
          path: DOSSIERS,
          events: 1,
          request: latin1({ events: names }),
          expect: { status: 400, code: 'invalid_encoding', message: /not valid UTF-8: byte 0xF2 at offset \d+/ },
        },
        {
          what: 'Latin-1, declared charset=iso-8859-1',
          path: DOSSIERS,
          events: 1,
          request: { ...latin1({ events: names }), contentType: 'application/json; charset=iso-8859-1' },
          expect: { status: 415, code: 'unsupported_charset', message: /iso-8859-1.*send UTF-8/ },
        },
        {
          what: 'UTF-16LE with a byte-order mark',
          path: DOSSIERS,
          events: 1,
          request: { bytes: utf16({ events: viet.slice(0, 1) }, 'le', true) },
          expect: { status: 200, accepted: 1 },
        },
        {
          what: 'UTF-16BE, charset=utf-16, no mark',
          path: DOSSIERS,
          events: 1,
          request: { bytes: utf16({ events: viet.slice(1) }, 'be', false), contentType: 'application/json; charset=utf-16' },
          expect: { status: 200, accepted: 1 },
        },
        {
          what: 'the Latin-1 batch again, in UTF-8',
          path: DOSSIERS,
          events: 1,
          request: batch(names),
          expect: { status: 200, accepted: 1 },
        },
      ];
    },
  },
  {
    name: 'body size at the limit',
    steps: ({ now }) => [
      {
        what: '5,000 events in 7.9 MiB',
        path: DOSSIERS,
        events: 5_000,
        request: { bytes: sizedBatch('big', 5_000, Math.round(7.9 * 1024 * 1024), now - HOUR) },
        expect: { status: 200, accepted: 5_000 },
      },
      {
        what: '5,000 events in 8.1 MiB',
        path: DOSSIERS,
        events: 5_000,
        request: { bytes: sizedBatch('over', 5_000, Math.round(8.1 * 1024 * 1024), now - HOUR) },
        expect: { status: 413, code: 'too_large' },
      },
    ],
  },
  {
    name: '100 kB strings',
    steps: ({ now }) => {
      const long = 'Nguyễn '.repeat(15_000).slice(0, 100_000);
      return [
        {
          what: 'a 100 kB procedure name, id, reason',
          path: DOSSIERS,
          events: 3,
          request: batch([
            received('long-1', 'LONG-1', now - HOUR, { procedure: { code: '1.0', name: long, field: 'Hộ tịch', legalDays: 3 } }),
            received(long, 'LONG-2', now - HOUR),
            { id: 'long-3', type: 'stopped', dossierId: 'LONG-3', at: received('x', 'x', now - HOUR).at, reason: long },
          ]),
          expect: { status: 200, rejected: 3, paths: ['procedure.name', 'id', 'reason'] },
        },
      ];
    },
  },
  {
    name: 'dates in every wrong format',
    steps: ({ now }) => [
      {
        what: `${WRONG_DATES.length} receipts, one wrong date each`,
        path: DOSSIERS,
        events: WRONG_DATES.length,
        request: batch(WRONG_DATES.map(([field, v], i) => received(`date-${i}`, `DATE-${i}`, now - HOUR, { [field]: v }))),
        expect: { status: 200, rejected: WRONG_DATES.length, paths: WRONG_DATES.map(([field]) => field) },
      },
    ],
  },
  {
    name: 'numbers as strings',
    steps: ({ now }) => [
      {
        what: 'legalDays "3", fee "50000", percent "40"',
        path: DOSSIERS,
        events: 2,
        request: batch([
          received('num-1', 'NUM-1', now - HOUR, { procedure: { code: '1.0', name: 'Khai sinh', field: 'Hộ tịch', legalDays: '3' } }),
          processed('num-2', 'NUM-2', now - HOUR, { fee: '50000' }),
        ]),
        expect: { status: 200, rejected: 2, paths: ['procedure.legalDays', 'fee'] },
      },
      {
        what: 'a task progress with percent "40"',
        path: TASKS,
        events: 1,
        request: batch([{ id: 'num-3', type: 'progress_reported', taskId: 'T-NUM', at: received('x', 'x', now - HOUR).at, percent: '40' }]),
        expect: { status: 200, rejected: 1, paths: ['percent'] },
      },
    ],
  },
  {
    name: 'duplicate ids with different content',
    steps: ({ now }) => {
      const first = received('dup-1', 'DUP-1', now - HOUR);
      return [
        { what: 'the event', path: DOSSIERS, events: 1, request: batch([first]), expect: { status: 200, accepted: 1 } },
        { what: 'the same again', path: DOSSIERS, events: 1, request: batch([first]), expect: { status: 200, duplicate: 1 } },
        {
          what: 'same id, channel changed',
          path: DOSSIERS,
          events: 1,
          request: batch([{ ...first, channel: 'postal' }]),
          expect: { status: 200, rejected: 1, paths: ['id'] },
        },
        {
          what: 'same id twice in one batch, different units',
          path: DOSSIERS,
          events: 2,
          request: batch([received('dup-2', 'DUP-2', now - HOUR), received('dup-2', 'DUP-2', now - HOUR, { unit: '26743' })]),
          expect: { status: 200, accepted: 1, rejected: 1, paths: ['id'] },
        },
      ];
    },
  },
  {
    name: 'events for unknown dossiers',
    steps: ({ now }) => [
      {
        what: 'processed for a dossier never received',
        path: DOSSIERS,
        events: 1,
        request: batch([processed('unk-1', 'UNK-1', now - HOUR + 60_000)]),
        expect: { status: 200, accepted: 1 },
      },
      {
        what: 'the receipt arriving afterwards',
        path: DOSSIERS,
        events: 1,
        request: batch([received('unk-0', 'UNK-1', now - HOUR)]),
        expect: { status: 200, accepted: 1 },
      },
      {
        what: 'a task event before its assignment, then the assignment',
        path: TASKS,
        events: 2,
        request: batch([
          { id: 'unk-t1', type: 'completed', taskId: 'T-UNK', at: received('x', 'x', now - HOUR + 60_000).at },
          taskAssigned('unk-t0', 'T-UNK', now - HOUR),
        ]),
        expect: { status: 200, accepted: 2 },
      },
    ],
  },
  {
    name: 'a DVCQG record with every field wrong',
    steps: ({ now }) => [
      {
        what: 'one record wrong in every field, one good',
        path: DVCQG,
        events: 2,
        request: json({
          service: 'DongBoHoSoMC',
          isUpdating: false,
          data: [
            {
              MaHoSo: '',
              MaTTHC: 12,
              TenTTHC: null,
              KenhThucHien: 'bưu điện',
              NgayTiepNhan: '2026-11-20',
              NgayHenTra: '20261131170000',
              TrangThaiHoSo: '99',
              NgayKetThucXuLy: 'hôm qua',
              NgayTra: 20261120,
              DonViXuLy: 'UBND Phường Không Có',
              DanhSachHoSoBoSung: 'không',
              QuaTrinhXuLy: {},
            },
            dvcqgRecord('DV-OK-1', now - HOUR),
          ],
        }),
        expect: { status: 200, accepted: 1, rejected: 1, allPaths: ['MaHoSo', 'NgayHenTra', 'TrangThaiHoSo', 'DonViXuLy'] },
      },
    ],
  },
  {
    name: 'not a batch',
    steps: () => [
      {
        what: 'an array instead of {"events"}',
        path: DOSSIERS,
        events: 0,
        request: json([]),
        expect: { status: 400, code: 'invalid_body' },
      },
      {
        what: 'events that are not objects',
        path: DOSSIERS,
        events: 3,
        request: batch(['received', 42, null]),
        expect: { status: 200, rejected: 3, paths: ['', '', ''] },
      },
    ],
  },
];
