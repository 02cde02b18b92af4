/**
 * The access matrix: every role × every REST endpoint and every socket scope, over real HTTP (the
 * server on port 0) and a real socket.io-client. Table-driven: every route the API router has must
 * appear in CASES, so a route added without an access rule fails this test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listRoutes } from '../../../server/http/route-list.js';
import { generateSourceKey, hashSourceKey } from '../../../server/ingest/keys.js';
import type { ScopeKey } from '../../../server/metrics/types.js';
import type { SubscribeAck } from '../../../server/realtime/events.js';
import { receivedEvent, startTestServer, TEST_PASSWORD, waitFor, type RoleClient, type TestServer } from '../../helpers/test-server.js';

/** The principals of the matrix: every role, displays bound to a unit and to the city. */
const ACTORS = ['city_leader', 'supervisor', 'unit_leader', 'department', 'display_unit', 'display_city', 'public', 'admin'] as const;
type Actor = (typeof ACTORS)[number];

/** A = allowed (2xx); D = denied (401 for the public, 403 for anyone else); N = 404 (existence private); or an exact status. */
type Expect = 'A' | 'D' | 'N' | number;

interface Case {
  /** The route as the router declares it. */
  route: string;
  /** What this case probes (shown in the test name). */
  what: string;
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string | ((a: Actor) => string);
  body?: unknown | ((a: Actor) => unknown);
  /** Uses a client of its own (logout ends the session it is sent with). */
  fresh?: boolean;
  /** A route outside /api/v1 (the app's root router, e.g. GET /metrics): its path is used as it is. */
  root?: boolean;
  expect: Record<Actor, Expect>;
}

const OWN = '26740'; // the unit leader's and the unit display's ward
const OTHER = '26743';
const DEPT = 'STP'; // the department user's department
const SECOND = '26737'; // the two-unit user's second ward (its first is OWN; OTHER is not theirs)

/** Expectations in ACTORS order. */
function row(...e: Expect[]): Record<Actor, Expect> {
  if (e.length !== ACTORS.length) throw new Error(`a row needs ${ACTORS.length} cells`);
  return Object.fromEntries(ACTORS.map((a, i) => [a, e[i]])) as Record<Actor, Expect>;
}
const ALL = row('A', 'A', 'A', 'A', 'A', 'A', 'A', 'A');
const NONE_404 = row('N', 'N', 'N', 'N', 'N', 'N', 'N', 'N');

/** The URL a case asks, as actor `a`. */
function urlOf(c: Case, a: Actor): string {
  const path = typeof c.path === 'function' ? c.path(a) : c.path;
  return c.root ? path : `/api/v1${path}`;
}
const ADMIN_ONLY = row('D', 'D', 'D', 'D', 'D', 'D', 'D', 'A');

//                                            city_leader supervisor unit_leader department display_unit display_city public admin
const CASES: Case[] = [
  {
    route: 'POST /auth/login',
    what: 'signs in with valid credentials',
    method: 'POST',
    path: '/auth/login',
    body: { username: 'probe', password: TEST_PASSWORD },
    expect: ALL,
  },
  { route: 'POST /auth/logout', what: 'signs out', method: 'POST', path: '/auth/logout', fresh: true, expect: ALL },
  { route: 'GET /auth/me', what: 'says who is signed in', path: '/auth/me', expect: ALL },
  { route: 'GET /client-config', what: 'client settings', path: '/client-config', expect: ALL },
  { route: 'GET /jurisdiction', what: 'units and departments', path: '/jurisdiction', expect: ALL },
  { route: 'GET /jurisdiction/boundaries', what: 'boundaries', path: '/jurisdiction/boundaries', expect: ALL },
  // A city pack has no provinces: 404 for everyone (national packs: tests/server/http/national-overview.test.ts).
  { route: 'GET /jurisdiction/province-boundaries', what: 'province cells', path: '/jurisdiction/province-boundaries', expect: NONE_404 },
  { route: 'GET /overview', what: 'the overview (filtered)', path: '/overview', expect: ALL },
  {
    route: 'GET /overview',
    what: 'the overview an hour ago (filtered; replaying costs the server: not for the public)',
    path: '/overview?at=2026-11-20T08:00%2B07:00&asOf=corrected',
    expect: row('A', 'A', 'A', 'A', 'A', 'A', 'D', 'A'),
  },
  {
    route: 'GET /replay/compare',
    what: 'the change in overdue dossiers between two moments (filtered; not for the public)',
    path: '/replay/compare?from=2026-11-20T07:00%2B07:00&to=2026-11-20T08:00%2B07:00',
    expect: row('A', 'A', 'A', 'A', 'A', 'A', 'D', 'A'),
  },
  {
    route: 'GET /replay/marks',
    what: 'the working calendar’s changes marked on the time bar (not for the public, like every replay read)',
    path: '/replay/marks',
    expect: row('A', 'A', 'A', 'A', 'A', 'A', 'D', 'A'),
  },
  { route: 'GET /forecast', what: 'every scope’s forecast (filtered)', path: '/forecast?period=today', expect: ALL },

  // Aggregates (the public sees them while PUBLIC_VIEW=1, so every role does; names stay in scope).
  { route: 'GET /units/:code', what: 'own unit detail', path: `/units/${OWN}`, expect: ALL },
  { route: 'GET /units/:code', what: 'another unit detail', path: `/units/${OTHER}`, expect: ALL },
  { route: 'GET /units/:code', what: 'city detail', path: '/units/city', expect: ALL },
  { route: 'GET /departments/:code', what: 'department detail', path: `/departments/${DEPT}`, expect: ALL },
  {
    route: 'GET /units/:code',
    what: 'another unit’s figures an hour ago (replaying costs the server: not for the public)',
    path: `/units/${OTHER}?at=2026-11-20T08:00%2B07:00`,
    expect: row('A', 'A', 'A', 'A', 'A', 'A', 'D', 'A'),
  },
  {
    route: 'GET /departments/:code',
    what: 'department figures an hour ago, as corrected',
    path: `/departments/${DEPT}?at=2026-11-20T08:00%2B07:00&asOf=corrected`,
    expect: row('A', 'A', 'A', 'A', 'A', 'A', 'D', 'A'),
  },

  {
    route: 'GET /units/:code/dossiers',
    what: 'own unit dossier list',
    path: `/units/${OWN}/dossiers`,
    expect: row('A', 'A', 'A', 'D', 'A', 'A', 'D', 'D'),
  },
  {
    route: 'GET /units/:code/dossiers',
    what: 'another unit dossier list',
    path: `/units/${OTHER}/dossiers`,
    expect: row('A', 'A', 'D', 'D', 'D', 'A', 'D', 'D'),
  },
  {
    route: 'GET /units/:code/dossiers',
    what: 'city dossier list',
    path: '/units/city/dossiers',
    expect: row('A', 'A', 'D', 'D', 'D', 'A', 'D', 'D'),
  },
  {
    route: 'GET /units/:code/dossiers',
    what: 'own unit’s dossiers overdue an hour ago',
    path: `/units/${OWN}/dossiers?at=2026-11-20T08:00%2B07:00`,
    expect: row('A', 'A', 'A', 'D', 'A', 'A', 'D', 'D'),
  },
  {
    route: 'GET /units/:code/dossiers',
    what: 'another unit’s dossiers overdue an hour ago',
    path: `/units/${OTHER}/dossiers?at=2026-11-20T08:00%2B07:00`,
    expect: row('A', 'A', 'D', 'D', 'D', 'A', 'D', 'D'),
  },
  {
    route: 'GET /departments/:code/dossiers',
    what: 'department dossiers overdue an hour ago',
    path: `/departments/${DEPT}/dossiers?at=2026-11-20T08:00%2B07:00`,
    expect: row('A', 'A', 'D', 'A', 'D', 'A', 'D', 'D'),
  },
  {
    route: 'GET /departments/:code/dossiers',
    what: 'department dossier list',
    path: `/departments/${DEPT}/dossiers`,
    expect: row('A', 'A', 'D', 'A', 'D', 'A', 'D', 'D'),
  },

  {
    route: 'GET /units/:code/tasks',
    what: 'own unit task list',
    path: `/units/${OWN}/tasks`,
    expect: row('A', 'D', 'A', 'D', 'A', 'A', 'D', 'D'),
  },
  {
    route: 'GET /units/:code/tasks',
    what: 'another unit task list',
    path: `/units/${OTHER}/tasks`,
    expect: row('A', 'D', 'D', 'D', 'D', 'A', 'D', 'D'),
  },
  {
    route: 'GET /departments/:code/tasks',
    what: 'department task list',
    path: `/departments/${DEPT}/tasks`,
    expect: row('A', 'D', 'D', 'A', 'D', 'A', 'D', 'D'),
  },

  // Early warning: the at-risk lists name holders (as dossier lists), the task ones as task lists.
  {
    route: 'GET /city/at-risk',
    what: 'the city’s at-risk dossiers',
    path: '/city/at-risk',
    expect: row('A', 'A', 'D', 'D', 'D', 'A', 'D', 'D'),
  },
  {
    route: 'GET /units/:code/at-risk',
    what: 'own unit at-risk dossiers of one official',
    path: `/units/${OWN}/at-risk?official=cb1`,
    expect: row('A', 'A', 'A', 'D', 'A', 'A', 'D', 'D'),
  },
  {
    route: 'GET /units/:code/at-risk',
    what: 'another unit’s at-risk dossiers',
    path: `/units/${OTHER}/at-risk`,
    expect: row('A', 'A', 'D', 'D', 'D', 'A', 'D', 'D'),
  },
  {
    route: 'GET /departments/:code/at-risk',
    what: 'department at-risk dossiers',
    path: `/departments/${DEPT}/at-risk`,
    expect: row('A', 'A', 'D', 'A', 'D', 'A', 'D', 'D'),
  },
  {
    route: 'GET /city/at-risk/tasks',
    what: 'the city’s at-risk tasks',
    path: '/city/at-risk/tasks',
    expect: row('A', 'D', 'D', 'D', 'D', 'A', 'D', 'D'),
  },
  {
    route: 'GET /units/:code/at-risk/tasks',
    what: 'own unit at-risk tasks',
    path: `/units/${OWN}/at-risk/tasks`,
    expect: row('A', 'D', 'A', 'D', 'A', 'A', 'D', 'D'),
  },
  {
    route: 'GET /departments/:code/at-risk/tasks',
    what: 'department at-risk tasks',
    path: `/departments/${DEPT}/at-risk/tasks`,
    expect: row('A', 'D', 'D', 'A', 'D', 'A', 'D', 'D'),
  },
  // Officials' performance: people within their scope; never a display, the public or the admin.
  {
    route: 'GET /officials',
    what: 'the officials list (the asker’s own scope by default)',
    path: '/officials',
    expect: row('A', 'A', 'A', 'A', 'D', 'D', 'D', 'D'),
  },
  {
    route: 'GET /officials',
    what: 'the own unit’s officials',
    path: `/officials?unit=${OWN}`,
    expect: row('A', 'A', 'A', 'D', 'D', 'D', 'D', 'D'),
  },
  {
    route: 'GET /officials',
    what: 'another unit’s officials',
    path: `/officials?unit=${OTHER}&period=week`,
    expect: row('A', 'A', 'D', 'D', 'D', 'D', 'D', 'D'),
  },
  {
    route: 'GET /officials',
    what: 'the department’s officials',
    path: `/officials?department=${DEPT}`,
    expect: row('A', 'A', 'D', 'A', 'D', 'D', 'D', 'D'),
  },
  {
    route: 'GET /officials/:id',
    what: 'an official of the own unit',
    path: '/officials/O-OWN',
    expect: row('A', 'A', 'A', 'N', 'D', 'D', 'D', 'D'),
  },
  {
    route: 'GET /officials/:id',
    what: 'an official of another unit',
    path: '/officials/O-OTHER',
    expect: row('A', 'A', 'N', 'N', 'D', 'D', 'D', 'D'),
  },
  {
    route: 'GET /officials/:id',
    what: 'an official of the department',
    path: '/officials/O-DEPT',
    expect: row('A', 'A', 'N', 'A', 'D', 'D', 'D', 'D'),
  },

  { route: 'GET /alerts/recent', what: 'the city’s recent alerts (names only where allowed)', path: '/alerts/recent', expect: ALL },

  // The national service index: aggregates, to whoever may see the scope's figures (every role while the public view is on).
  { route: 'GET /index', what: 'the service index ranking (filtered)', path: '/index', expect: ALL },
  { route: 'GET /city/index', what: 'the city’s service index', path: '/city/index?period=year', expect: ALL },
  { route: 'GET /units/:code/index', what: 'another unit’s service index', path: `/units/${OTHER}/index?period=quarter`, expect: ALL },
  { route: 'GET /departments/:code/index', what: 'a department’s service index', path: `/departments/${DEPT}/index`, expect: ALL },

  // Buck-passing cases: to whoever may see the scope's figures, officials' names only to those who may see them.
  {
    route: 'GET /city/buck-passing',
    what: 'the city’s buck-passing cases (names only where allowed)',
    path: '/city/buck-passing',
    expect: ALL,
  },
  {
    route: 'GET /units/:code/buck-passing',
    what: 'another unit’s buck-passing cases',
    path: `/units/${OTHER}/buck-passing?period=month`,
    expect: ALL,
  },
  {
    route: 'GET /departments/:code/buck-passing',
    what: 'a department’s buck-passing cases',
    path: `/departments/${DEPT}/buck-passing`,
    expect: ALL,
  },
  {
    route: 'GET /units/:code/buck-passing',
    what: 'the own unit’s cases of one official (names)',
    path: `/units/${OWN}/buck-passing?official=79-${OWN}-cb01`,
    expect: row('A', 'A', 'A', 'D', 'A', 'A', 'D', 'D'),
  },
  {
    route: 'GET /city/buck-passing',
    what: 'the city’s cases of one official (names)',
    path: `/city/buck-passing?official=79-${OWN}-cb01`,
    expect: row('A', 'A', 'D', 'D', 'D', 'A', 'D', 'D'),
  },
  {
    route: 'GET /departments/:code/buck-passing',
    what: 'the department’s cases of one official (names)',
    path: `/departments/${DEPT}/buck-passing?official=79-${DEPT}-cb01`,
    expect: row('A', 'A', 'D', 'A', 'D', 'A', 'D', 'D'),
  },
  // Data trust: figures and flags to whoever may see the scope's figures; reviews by the administration centre's supervisors.
  { route: 'GET /data-trust', what: 'every unit’s data-trust figure', path: '/data-trust?period=month', expect: ALL },
  { route: 'GET /city/data-trust/flags', what: 'the city’s data-trust flags', path: '/city/data-trust/flags', expect: ALL },
  {
    route: 'GET /units/:code/data-trust/flags',
    what: 'another unit’s data-trust flags',
    path: `/units/${OTHER}/data-trust/flags?rule=backdated`,
    expect: ALL,
  },
  {
    route: 'GET /departments/:code/data-trust/flags',
    what: 'a department’s data-trust flags',
    path: `/departments/${DEPT}/data-trust/flags?status=open`,
    expect: ALL,
  },
  {
    route: 'POST /units/:code/data-trust/flags/:id/review',
    what: 'reviews a flag of the own unit’s data (D-OWN arrived days after its receipt)',
    method: 'POST',
    path: `/units/${OWN}/data-trust/flags/D-OWN%3Abackdated/review`,
    body: { verdict: 'justified', note: 'Hồ sơ nhập bù sau sự cố mạng' },
    expect: row('D', 'A', 'D', 'D', 'D', 'D', 'D', 'D'),
  },
  {
    route: 'POST /departments/:code/data-trust/flags/:id/review',
    what: 'reviews a flag that does not exist',
    method: 'POST',
    path: `/departments/${DEPT}/data-trust/flags/NO-SUCH%3Abackdated/review`,
    body: { verdict: 'confirmed', note: 'Không có' },
    expect: row('D', 'N', 'D', 'D', 'D', 'D', 'D', 'D'),
  },
  { route: 'GET /alerts/recent', what: 'a unit’s recent alerts', path: `/alerts/recent?code=${OWN}`, expect: ALL },

  {
    route: 'GET /dossiers/:id',
    what: 'a dossier of the own unit',
    path: '/dossiers/D-OWN',
    expect: row('A', 'A', 'A', 'N', 'D', 'D', 'D', 'D'),
  },
  {
    route: 'GET /dossiers/:id',
    what: 'a dossier of another unit',
    path: '/dossiers/D-OTHER',
    expect: row('A', 'A', 'N', 'N', 'D', 'D', 'D', 'D'),
  },
  {
    route: 'GET /dossiers/:id',
    what: 'a dossier that does not exist',
    path: '/dossiers/D-NONE',
    expect: row('N', 'N', 'N', 'N', 'D', 'D', 'D', 'D'),
  },
  { route: 'GET /tasks/:id', what: 'a task of the own unit', path: '/tasks/T-OWN', expect: row('A', 'D', 'A', 'N', 'D', 'D', 'D', 'D') },
  { route: 'GET /tasks/:id', what: 'a task of another unit', path: '/tasks/T-OTHER', expect: row('A', 'D', 'N', 'N', 'D', 'D', 'D', 'D') },

  {
    route: 'POST /reminders',
    what: 'sends a reminder about a late dossier',
    method: 'POST',
    path: '/reminders',
    body: { unit: OWN, dossierId: 'D-OWN', message: 'Đề nghị xử lý hồ sơ trễ hạn' },
    expect: row('A', 'A', 'D', 'D', 'D', 'D', 'D', 'D'),
  },
  {
    route: 'POST /reminders',
    what: 'sends an explanation request about a ward’s dossier',
    method: 'POST',
    path: '/reminders',
    body: { kind: 'explanation', subject: { type: 'dossier', id: 'D-OWN' }, message: 'Đề nghị giải trình' },
    expect: row('A', 'A', 'D', 'D', 'D', 'D', 'D', 'D'),
  },
  {
    route: 'POST /reminders',
    what: 'sends an explanation request about a ward dossier held by the department’s official',
    method: 'POST',
    path: '/reminders',
    body: { kind: 'explanation', subject: { type: 'dossier', id: 'D-LT' }, message: 'Đề nghị giải trình' },
    expect: row('A', 'A', 'D', 'A', 'D', 'D', 'D', 'D'),
  },
  {
    route: 'POST /reminders',
    what: 'sends an explanation request about a task',
    method: 'POST',
    path: '/reminders',
    body: { kind: 'explanation', subject: { type: 'task', id: 'T-OWN' }, message: 'Đề nghị giải trình' },
    expect: row('A', 'D', 'D', 'D', 'D', 'D', 'D', 'D'),
  },
  {
    route: 'POST /reminders',
    what: 'sends an explanation request about a unit’s backlog',
    method: 'POST',
    path: '/reminders',
    body: { kind: 'explanation', subject: { type: 'unit', id: OWN }, message: 'Đề nghị giải trình' },
    expect: row('A', 'A', 'D', 'D', 'D', 'D', 'D', 'D'),
  },
  {
    route: 'GET /reminders/default-due',
    what: 'the default answer due date',
    path: '/reminders/default-due',
    expect: row('A', 'A', 'D', 'A', 'D', 'D', 'D', 'D'),
  },
  {
    route: 'GET /reminders/mine',
    what: 'the header’s list: to the own unit, or sent',
    path: '/reminders/mine',
    expect: row('A', 'A', 'A', 'A', 'D', 'D', 'D', 'D'),
  },
  {
    route: 'POST /reminders/answers-seen',
    what: 'a sender marks answers seen',
    method: 'POST',
    path: '/reminders/answers-seen',
    body: (a: Actor) => ({ ids: [explanationFor[a]] }),
    expect: row('A', 'A', 'D', 'A', 'D', 'D', 'D', 'D'),
  },
  {
    route: 'GET /dossiers/:id/reminders',
    what: 'requests about a dossier of the own unit',
    path: '/dossiers/D-OWN/reminders',
    expect: row('A', 'A', 'A', 'N', 'D', 'D', 'D', 'D'),
  },
  {
    route: 'GET /dossiers/:id/reminders',
    what: 'requests about a dossier of another unit',
    path: '/dossiers/D-OTHER/reminders',
    expect: row('A', 'A', 'N', 'N', 'D', 'D', 'D', 'D'),
  },
  {
    route: 'GET /tasks/:id/reminders',
    what: 'requests about a task of the own unit',
    path: '/tasks/T-OWN/reminders',
    expect: row('A', 'D', 'A', 'N', 'D', 'D', 'D', 'D'),
  },
  {
    route: 'POST /reminders/:id/answer',
    what: 'answers an explanation request to the own unit',
    method: 'POST',
    path: (a) => `/reminders/${explanationFor[a]}/answer`,
    body: { text: 'Hồ sơ chờ ý kiến của Sở Xây dựng.' },
    expect: row('D', 'D', 'A', 'N', 'N', 'N', 'D', 'N'),
  },
  {
    route: 'GET /units/:code/reminders',
    what: 'reads a unit’s reminders',
    path: `/units/${OWN}/reminders`,
    expect: row('A', 'A', 'A', 'D', 'D', 'D', 'D', 'D'),
  },
  {
    route: 'GET /departments/:code/reminders',
    what: 'reads a department’s reminders',
    path: `/departments/${DEPT}/reminders`,
    expect: row('A', 'A', 'D', 'A', 'D', 'D', 'D', 'D'),
  },
  {
    route: 'POST /reminders/:id/acknowledge',
    what: 'acknowledges a reminder to the own unit',
    method: 'POST',
    path: (a) => `/reminders/${reminderFor[a]}/acknowledge`,
    expect: row('D', 'D', 'A', 'N', 'N', 'N', 'D', 'N'),
  },

  {
    route: 'GET /exports/:table',
    what: 'downloads the own unit’s overdue dossiers (.xlsx)',
    path: `/exports/dossiers?code=${OWN}&status=overdue`,
    expect: row('A', 'A', 'A', 'D', 'D', 'D', 'D', 'D'),
  },
  {
    route: 'GET /exports/:table',
    what: 'downloads another unit’s dossiers (CSV)',
    path: `/exports/dossiers?code=${OTHER}&format=csv`,
    expect: row('A', 'A', 'D', 'D', 'D', 'D', 'D', 'D'),
  },
  {
    route: 'GET /exports/:table',
    what: 'downloads the own unit’s overdue tasks',
    path: `/exports/tasks?code=${OWN}`,
    expect: row('A', 'D', 'A', 'D', 'D', 'D', 'D', 'D'),
  },
  {
    route: 'GET /exports/:table',
    what: 'downloads the department’s tasks',
    path: `/exports/tasks?code=${DEPT}`,
    expect: row('A', 'D', 'D', 'A', 'D', 'D', 'D', 'D'),
  },
  {
    route: 'GET /exports/:table',
    what: 'downloads the own unit’s officials',
    path: `/exports/officials?code=${OWN}&period=month`,
    expect: row('A', 'A', 'A', 'D', 'D', 'D', 'D', 'D'),
  },
  {
    route: 'GET /exports/:table',
    what: 'downloads the city’s breakdown by field',
    path: '/exports/by_field?code=city&period=month',
    expect: ALL,
  },
  {
    route: 'GET /exports/:table',
    what: 'downloads the own unit’s breakdown by procedure',
    path: `/exports/by_procedure?code=${OWN}&format=csv&lang=en`,
    expect: ALL,
  },
  {
    route: 'POST /exports',
    what: 'records a dossier-list export',
    method: 'POST',
    path: '/exports',
    body: { table: 'dossiers', code: OWN, status: 'overdue', rows: 3 },
    expect: row('A', 'A', 'A', 'D', 'D', 'D', 'D', 'D'),
  },

  { route: 'GET /admin/users', what: 'lists users', path: '/admin/users', expect: ADMIN_ONLY },
  {
    route: 'POST /admin/users',
    what: 'creates a user',
    method: 'POST',
    path: '/admin/users',
    body: (a: Actor) => ({ username: `new-${a}`, password: TEST_PASSWORD, role: 'city_leader' }),
    expect: ADMIN_ONLY,
  },
  {
    route: 'POST /admin/users/:username/disable',
    what: 'disables a user',
    method: 'POST',
    path: (a) => `/admin/users/victim-${a}/disable`,
    expect: ADMIN_ONLY,
  },
  {
    route: 'POST /admin/users/:username/enable',
    what: 'enables a user',
    method: 'POST',
    path: (a) => `/admin/users/victim-${a}/enable`,
    expect: ADMIN_ONLY,
  },
  {
    route: 'POST /admin/users/:username/reset-password',
    what: 'resets a user’s password',
    method: 'POST',
    path: (a) => `/admin/users/victim-${a}/reset-password`,
    expect: ADMIN_ONLY,
  },
  {
    route: 'PATCH /admin/users/:username',
    what: 'changes a user’s name, role and units',
    method: 'PATCH',
    path: (a) => `/admin/users/victim-${a}`,
    body: { displayName: 'Người dùng đổi tên', role: 'unit_leader', scopes: [`unit:${OWN}`, `unit:${OTHER}`] },
    expect: ADMIN_ONLY,
  },
  { route: 'GET /admin/sources', what: 'lists sources', path: '/admin/sources', expect: ADMIN_ONLY },
  {
    route: 'POST /admin/sources',
    what: 'creates a source',
    method: 'POST',
    path: '/admin/sources',
    body: (a: Actor) => ({ name: `src-${a}`, kind: 'dossier', units: [OWN] }),
    expect: ADMIN_ONLY,
  },
  {
    route: 'POST /admin/sources/:name/revoke',
    what: 'revokes a source',
    method: 'POST',
    path: (a) => `/admin/sources/victim-${a}/revoke`,
    expect: ADMIN_ONLY,
  },
  {
    route: 'PUT /admin/wall/presets/:name',
    what: 'saves a wall preset',
    method: 'PUT',
    path: (a) => `/admin/wall/presets/p-${a}`,
    body: { scenes: ['map', 'kpi'], intervalSeconds: 20 },
    expect: ADMIN_ONLY,
  },
  {
    route: 'PATCH /admin/sources/:name',
    what: 'changes a source’s units and silence settings',
    method: 'PATCH',
    path: (a) => `/admin/sources/victim-${a}`,
    body: { units: [OWN], silentAfterMinutes: 45, hours: 'always' },
    expect: ADMIN_ONLY,
  },
  { route: 'GET /admin/wall/displays', what: 'lists wall displays', path: '/admin/wall/displays', expect: ADMIN_ONLY },
  {
    route: 'POST /admin/wall/displays',
    what: 'adds a wall display',
    method: 'POST',
    path: '/admin/wall/displays',
    body: (a: Actor) => ({ name: `wall-${a}`, scope: `unit:${OWN}` }),
    expect: ADMIN_ONLY,
  },
  {
    route: 'POST /admin/wall/displays/:name/revoke',
    what: 'revokes a wall display',
    method: 'POST',
    path: (a) => `/admin/wall/displays/victim-${a}/revoke`,
    expect: ADMIN_ONLY,
  },
  {
    route: 'DELETE /admin/wall/presets/:name',
    what: 'deletes a wall preset',
    method: 'DELETE',
    path: (a) => `/admin/wall/presets/gone-${a}`,
    expect: ADMIN_ONLY,
  },
  { route: 'GET /admin/calendar/:year', what: 'reads a year of the working calendar', path: '/admin/calendar/2026', expect: ADMIN_ONLY },
  {
    route: 'PUT /admin/calendar/:year/days/:date',
    what: 'adds a day off to the working calendar (the test server’s copy of its files)',
    method: 'PUT',
    path: '/admin/calendar/2026/days/2026-12-28',
    body: { kind: 'day_off', name: 'Nghỉ thử' },
    expect: ADMIN_ONLY,
  },
  { route: 'GET /audit', what: 'reads the audit log', path: '/audit', expect: ADMIN_ONLY },
  {
    route: 'GET /audit',
    what: 'reads one Vietnam day of the audit log',
    path: '/audit?from=2026-11-20&to=2026-11-20&action=source.created',
    expect: ADMIN_ONLY,
  },
  { route: 'GET /audit/actions', what: 'lists the audit log’s actions', path: '/audit/actions', expect: ADMIN_ONLY },
  { route: 'GET /audit/export', what: 'exports the audit log as CSV', path: '/audit/export?from=2026-11-20', expect: ADMIN_ONLY },
  { route: 'GET /quarantine', what: 'reads the quarantine', path: '/quarantine', expect: ADMIN_ONLY },
  // The data-quality review: quarantined records, their counts, replay and dismiss.
  { route: 'GET /admin/quality/records', what: 'lists quarantined records', path: '/admin/quality/records?state=open', expect: ADMIN_ONLY },
  { route: 'GET /admin/quality/counts', what: 'counts quarantined records', path: '/admin/quality/counts', expect: ADMIN_ONLY },
  {
    route: 'GET /admin/quality/records/:id',
    what: 'reads a quarantined record',
    path: (a) => `/admin/quality/records/${quarantinedFor[a]}`,
    expect: ADMIN_ONLY,
  },
  {
    route: 'POST /admin/quality/records/:id/replay',
    what: 'replays a quarantined record (still bad: answered, left open)',
    method: 'POST',
    path: (a) => `/admin/quality/records/${quarantinedFor[a]}/replay`,
    body: { payload: { id: 'qa-bad', type: 'received' } },
    expect: ADMIN_ONLY,
  },
  {
    route: 'POST /admin/quality/records/:id/dismiss',
    what: 'dismisses a quarantined record',
    method: 'POST',
    path: (a) => `/admin/quality/records/${quarantinedFor[a]}/dismiss`,
    body: { note: 'Dữ liệu thử' },
    expect: ADMIN_ONLY,
  },

  { route: 'GET /wall/presets', what: 'lists wall presets', path: '/wall/presets', expect: ALL },
  { route: 'GET /wall/presets/:name', what: 'reads a wall preset', path: '/wall/presets/ops', expect: ALL },
  {
    route: 'GET /wall/display',
    what: 'a display’s identity (its token only)',
    path: '/wall/display',
    expect: row(401, 401, 401, 401, 'A', 'A', 401, 401),
  },
  { route: 'GET /health', what: 'health', path: '/health', expect: ALL },
  { route: 'GET /openapi.json', what: 'the API description (public: shapes, no data)', path: '/openapi.json', expect: ALL },

  // Ingest takes a source key, never a session or a display token.
  {
    route: 'POST /ingest/dossiers',
    what: 'ingest without a source key',
    method: 'POST',
    path: '/ingest/dossiers',
    body: { events: [] },
    expect: row(401, 401, 401, 401, 401, 401, 401, 401),
  },
  {
    route: 'POST /ingest/tasks',
    what: 'ingest without a source key',
    method: 'POST',
    path: '/ingest/tasks',
    body: { events: [] },
    expect: row(401, 401, 401, 401, 401, 401, 401, 401),
  },
  {
    route: 'POST /ingest/dvcqg',
    what: 'national sync format without a source key',
    method: 'POST',
    path: '/ingest/dvcqg',
    body: { service: 'DongBoHoSoMC', isUpdating: false, data: [] },
    expect: row(401, 401, 401, 401, 401, 401, 401, 401),
  },

  // Operations: Prometheus metrics, outside /api/v1. Opened by METRICS_TOKEN or METRICS_ALLOW, never by
  // a role (tests/server/http/metrics-endpoint.test.ts); unset here, so no one, an admin included, finds it.
  { route: 'GET /metrics', what: 'Prometheus metrics, not configured', path: '/metrics', root: true, expect: NONE_404 },
];

/** Socket scopes × actors: true = snapshot, false = `forbidden` ack. */
const SOCKET_SCOPES: ScopeKey[] = ['city', `unit:${OWN}`, `unit:${OTHER}`, `department:${DEPT}`];
// The public may watch every scope's aggregates (PUBLIC_VIEW=1, the test server's default), so everyone may.
const SOCKET_MATRIX: Record<Actor, boolean[]> = {
  city_leader: [true, true, true, true],
  supervisor: [true, true, true, true],
  unit_leader: [true, true, true, true],
  department: [true, true, true, true],
  display_unit: [true, true, true, true],
  display_city: [true, true, true, true],
  public: [true, true, true, true],
  admin: [true, true, true, true],
};

/**
 * Who receives `request:created` for a request another supervisor sends to OWN: the unit's users and
 * city-wide readers (joined to rooms at connection from the session's principal); nobody else.
 */
const REQUEST_EVENT_MATRIX: Record<Actor, boolean> = {
  city_leader: true,
  supervisor: true,
  unit_leader: true,
  department: false,
  display_unit: false,
  display_city: false,
  public: false,
  admin: false,
};

const reminderFor = {} as Record<Actor, number>;
/** A quarantined record per actor (the dismiss of one actor does not close another's). */
const quarantinedFor = {} as Record<Actor, number>;
const explanationFor = {} as Record<Actor, number>;

describe('access matrix: every role × every endpoint and socket scope', () => {
  let srv: TestServer;
  const clients = {} as Record<Actor, RoleClient>;

  async function clientFor(a: Actor): Promise<RoleClient> {
    if (a === 'unit_leader') return srv.as('unit_leader', `unit:${OWN}`);
    if (a === 'department') return srv.as('department', `department:${DEPT}`);
    if (a === 'display_unit') return srv.as('display', `unit:${OWN}`);
    if (a === 'display_city') return srv.as('display', 'city');
    return srv.as(a);
  }

  beforeAll(async () => {
    srv = await startTestServer();
    const store = srv.runtime.store;
    await srv.post('/api/v1/ingest/dossiers', {
      events: [
        receivedEvent({ id: 'r-own', dossierId: 'D-OWN', unit: OWN, at: '2026-11-16T08:00:00+07:00', dueAt: '2026-11-18T17:00:00+07:00' }),
        receivedEvent({ id: 'r-lt', dossierId: 'D-LT', unit: OWN, at: '2026-11-16T08:00:00+07:00', dueAt: '2026-11-18T17:00:00+07:00' }),
        // An inter-level step: the ward's dossier is with an official of the department.
        {
          id: 'a-lt',
          type: 'assigned',
          dossierId: 'D-LT',
          at: '2026-11-16T09:00:00+07:00',
          handler: { id: 'stp-cb01', name: 'Trần Văn Sở', unit: DEPT },
        },
        receivedEvent({
          id: 'r-second',
          dossierId: 'D-SECOND',
          unit: SECOND,
          at: '2026-11-16T08:00:00+07:00',
          dueAt: '2026-11-18T17:00:00+07:00',
        }),
        {
          id: 'a-O-SECOND',
          type: 'assigned',
          dossierId: 'D-SECOND',
          at: '2026-11-16T08:50:00+07:00',
          handler: { id: 'O-SECOND', name: 'Cán bộ O-SECOND', unit: SECOND },
        },
        receivedEvent({
          id: 'r-other',
          dossierId: 'D-OTHER',
          unit: OTHER,
          at: '2026-11-16T08:00:00+07:00',
          dueAt: '2026-11-18T17:00:00+07:00',
        }),
        ...[
          ['D-OWN', 'O-DEPT', DEPT], // a department official handling a step of the ward's dossier
          ['D-OTHER', 'O-OTHER', OTHER],
          ['D-OWN', 'O-OWN', OWN],
        ].map(([dossierId, id, unit], i) => ({
          id: `a-${id}`,
          type: 'assigned',
          dossierId,
          at: `2026-11-16T08:${15 * (i + 1)}:00+07:00`,
          handler: { id, name: `Cán bộ ${id}`, unit },
        })),
      ],
    });
    await srv.post(
      '/api/v1/ingest/tasks',
      {
        events: [
          {
            id: 't-own',
            type: 'assigned',
            taskId: 'T-OWN',
            at: '2026-11-02T08:00:00+07:00',
            title: 'Rà soát',
            document: { number: '1/UBND', date: '2026-11-01' },
            issuer: 'UBND',
            assignee: OWN,
            dueAt: '2026-11-10',
          },
          {
            id: 't-other',
            type: 'assigned',
            taskId: 'T-OTHER',
            at: '2026-11-02T08:00:00+07:00',
            title: 'Rà soát',
            document: { number: '2/UBND', date: '2026-11-01' },
            issuer: 'UBND',
            assignee: OTHER,
            dueAt: '2026-11-10',
          },
        ],
      },
      srv.taskKey,
    );
    await srv.addUser('probe', 'city_leader');
    await srv.addUser('sender', 'supervisor');
    store.wallPresets.save('ops', ['map', 'kpi'], 20, srv.clock.now());
    const sender = store.users.findByUsername('sender')!;
    const dossierSource = store.sources.findByName('test-dossiers')!;
    for (const a of ACTORS) {
      store.quarantine.add(dossierSource.id, 'dossier', srv.clock.now(), `qa-${a}`, '{"id":"qa"}', [
        { path: 'unit', message: 'is required' },
      ]);
      quarantinedFor[a] = store.quarantine.page({ limit: 1, offset: 0 }).items[0].id;
      await srv.addUser(`victim-${a}`, 'city_leader');
      store.sources.create(`victim-${a}`, 'dossier', hashSourceKey(generateSourceKey()), srv.clock.now());
      store.displays.create(`victim-${a}`, 'city', hashSourceKey(generateSourceKey()), srv.clock.now());
      store.wallPresets.save(`gone-${a}`, ['map'], 20, srv.clock.now());
      reminderFor[a] = store.reminders.create({
        unit: OWN,
        dossierId: null,
        message: 'Nhắc nhở',
        sentBy: sender.id,
        sentAt: srv.clock.now(),
      }).id;
      clients[a] = await clientFor(a);
      explanationFor[a] = store.reminders.create({
        unit: OWN,
        dossierId: null,
        message: 'Giải trình',
        sentBy: sender.id,
        sentAt: srv.clock.now(),
        kind: 'explanation',
        answerDueAt: srv.clock.now() + 86_400_000,
      }).id;
    }
  }, 60_000);

  afterAll(async () => {
    await srv?.close();
  });

  it('never gives a signed-in role less than the public (PUBLIC_VIEW=1): in the table, if anonymous is allowed every role is', () => {
    const lesser = CASES.filter((c) => c.expect.public === 'A').flatMap((c) =>
      ACTORS.filter((a) => c.expect[a] !== 'A').map((a) => `${c.route} (${c.what}): ${a} ${c.expect[a]}`),
    );
    expect(lesser, 'rows where some role is refused what the public may see').toEqual([]);
    const scopes = SOCKET_SCOPES.filter((_, i) => SOCKET_MATRIX.public[i]);
    expect(ACTORS.flatMap((a) => scopes.filter((s) => !SOCKET_MATRIX[a][SOCKET_SCOPES.indexOf(s)]).map((s) => `${a} → ${s}`))).toEqual([]);
  });

  // Every GET route for every role: on a loaded machine this outlasts a test's default 20 s.
  it('never gives a signed-in role less than the public (PUBLIC_VIEW=1): over HTTP and the socket, for every GET route and scope', async () => {
    const lesser: string[] = [];
    for (const c of CASES.filter((k) => (k.method ?? 'GET') === 'GET' && !k.fresh)) {
      const path = (a: Actor) => urlOf(c, a);
      const anon = await clients.public.request('GET', path('public'));
      if (anon.status < 200 || anon.status >= 300) continue;
      for (const a of ACTORS) {
        const res = await clients[a].request('GET', path(a));
        if (res.status < 200 || res.status >= 300) lesser.push(`${c.route} (${c.what}): ${a} got ${res.status}`);
      }
    }
    const anonSocket = await clients.public.socket();
    for (const scope of SOCKET_SCOPES) {
      const anon = (await anonSocket.timeout(3_000).emitWithAck('scope:subscribe', { scope, period: 'live' })) as SubscribeAck;
      if (!anon.ok) continue;
      for (const a of ACTORS) {
        const s = await clients[a].socket();
        const ack = (await s.timeout(3_000).emitWithAck('scope:subscribe', { scope, period: 'live' })) as SubscribeAck;
        if (!ack.ok) lesser.push(`socket ${scope}: ${a} refused`);
        s.disconnect();
      }
    }
    anonSocket.disconnect();
    expect(lesser, 'what the public sees but a role is refused').toEqual([]);
  }, 60_000);

  it('has a rule for every route of the API, and no rule for a route that does not exist', () => {
    const declared = new Set([...listRoutes(srv.runtime.app.api), ...listRoutes(srv.runtime.app.root)].map((r) => `${r.method} ${r.path}`));
    const covered = new Set(CASES.map((c) => c.route));
    expect(
      [...declared].filter((r) => !covered.has(r)),
      'routes without a row in the access matrix',
    ).toEqual([]);
    expect(
      [...covered].filter((r) => !declared.has(r)),
      'matrix rows for routes that do not exist',
    ).toEqual([]);
  });

  for (const c of CASES) {
    for (const a of ACTORS) {
      const e = c.expect[a];
      const says = e === 'A' ? 'allows' : e === 'N' ? 'answers 404 to' : e === 'D' ? 'refuses' : `answers ${e} to`;
      it(`${c.route} (${c.what}) ${says} ${a}`, async () => {
        const client = c.fresh ? await clientFor(a) : clients[a];
        const path = urlOf(c, a);
        const body = typeof c.body === 'function' ? (c.body as (a: Actor) => unknown)(a) : c.body;
        const res = await client.request(c.method ?? 'GET', path, c.method && c.method !== 'GET' ? (body ?? {}) : undefined);
        const detail = `${c.method ?? 'GET'} ${path} as ${a}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`;
        if (e === 'A') expect(res.status >= 200 && res.status < 300, detail).toBe(true);
        else if (e === 'N') expect(res.status, detail).toBe(404);
        else if (e === 'D') expect(res.status, detail).toBe(a === 'public' ? 401 : 403);
        else expect(res.status, detail).toBe(e);
      });
    }
  }

  it(`request:created reaches ${ACTORS.filter((a) => REQUEST_EVENT_MATRIX[a]).join(', ')} and no one else`, async () => {
    const marker = `Đề nghị giải trình ${Date.now()}`;
    const got = Object.fromEntries(ACTORS.map((a) => [a, false])) as Record<Actor, boolean>;
    const sockets = await Promise.all(ACTORS.map((a) => clients[a].socket()));
    sockets.forEach((s, i) => s.on('request:created', (m) => (got[ACTORS[i]] ||= m.request.message === marker)));
    const unitSocket = sockets[ACTORS.indexOf('unit_leader')];
    const arrived = waitFor(unitSocket, 'request:created', (m) => m.request.message === marker);
    const sender = await srv.as('supervisor');
    const res = await sender.post('/api/v1/reminders', { kind: 'explanation', subject: { type: 'dossier', id: 'D-OWN' }, message: marker });
    expect(res.status).toBe(201);
    await arrived;
    await new Promise((r) => setTimeout(r, 300)); // time for any wrong delivery to arrive too
    expect(got).toEqual(REQUEST_EVENT_MATRIX);
    for (const s of sockets) s.disconnect();
  });

  for (const a of ACTORS) {
    it(`socket scopes for ${a}: ${SOCKET_SCOPES.map((s, i) => `${s} ${SOCKET_MATRIX[a][i] ? 'ok' : 'forbidden'}`).join(', ')}`, async () => {
      const s = await clients[a].socket();
      for (const [i, scope] of SOCKET_SCOPES.entries()) {
        const ack = (await s.timeout(3_000).emitWithAck('scope:subscribe', { scope, period: 'live' })) as SubscribeAck;
        if (SOCKET_MATRIX[a][i]) expect(ack.ok, `${a} → ${scope}`).toBe(true);
        else expect(ack, `${a} → ${scope}`).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      }
      s.disconnect();
    });
  }

  describe('a user holding two wards sees the union: both wards’ names and lists, not a third ward’s', () => {
    let two: RoleClient;
    beforeAll(async () => {
      two = await srv.as('unit_leader', `unit:${OWN}`);
      const own = srv.runtime.store.users.findByUsername(two.username!)!;
      srv.runtime.store.users.update(own.id, { scopes: [`unit:${OWN}`, `unit:${SECOND}`] });
    });

    const cases: [string, number][] = [
      [`/units/${OWN}/dossiers`, 200],
      [`/units/${SECOND}/dossiers`, 200],
      [`/units/${OTHER}/dossiers`, 403],
      ['/units/city/dossiers', 403],
      [`/units/${OWN}/tasks`, 200],
      [`/units/${OTHER}/tasks`, 403],
      [`/units/${SECOND}/at-risk`, 200],
      [`/units/${OTHER}/at-risk`, 403],
      [`/officials?unit=${SECOND}`, 200],
      [`/officials?unit=${OTHER}&period=week`, 403],
      ['/officials/O-SECOND', 200],
      ['/officials/O-OTHER', 404],
      ['/dossiers/D-SECOND', 200],
      ['/dossiers/D-OWN', 200],
      ['/dossiers/D-OTHER', 404],
      ['/tasks/T-OTHER', 404],
      [`/units/${SECOND}/reminders`, 200],
      [`/units/${OTHER}/reminders`, 403],
    ];
    for (const [path, status] of cases) {
      it(`GET ${path} answers ${status}`, async () => {
        const res = await two.get(`/api/v1${path}`);
        expect(res.status, JSON.stringify(res.body).slice(0, 200)).toBe(status);
      });
    }

    it('the dossier list of the second ward names its holders', async () => {
      const res = await two.get(`/api/v1/units/${SECOND}/dossiers`);
      expect(JSON.stringify(res.body)).toContain('Cán bộ O-SECOND');
    });

    it('/auth/me says both wards, the first as home', async () => {
      const me = (await two.get('/api/v1/auth/me')).body;
      expect(me.capabilities).toMatchObject({ home: `unit:${OWN}`, scopes: [`unit:${OWN}`, `unit:${SECOND}`] });
      expect(me.user.scopes).toEqual([`unit:${OWN}`, `unit:${SECOND}`]);
    });

    it('request:created for each held ward reaches their socket; one for a third ward does not', async () => {
      const socket = await two.socket();
      const got: string[] = [];
      socket.on('request:created', (m) => got.push(m.request.message));
      const sender = await srv.as('supervisor');
      const marker = `Hai phường ${Date.now()}`;
      const second = waitFor(socket, 'request:created', (m) => m.request.message === `${marker} D-SECOND`);
      for (const id of ['D-OWN', 'D-SECOND', 'D-OTHER']) {
        const res = await sender.post('/api/v1/reminders', {
          kind: 'explanation',
          subject: { type: 'dossier', id },
          message: `${marker} ${id}`,
        });
        expect(res.status).toBe(201);
      }
      await second;
      await new Promise((r) => setTimeout(r, 300)); // time for a wrong delivery to arrive too
      expect(got.filter((m) => m.startsWith(marker)).sort()).toEqual([`${marker} D-OWN`, `${marker} D-SECOND`]);
      socket.disconnect();
    });
  });
});
