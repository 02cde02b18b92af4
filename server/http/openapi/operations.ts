/**
 * What the API description covers: every operation of the ingest and read API with the zod schemas
 * its handler validates with, and the routes deliberately left out (UNDOCUMENTED, each with why).
 * A test compares both with the API router's routes, so a new route is either described or excluded.
 */
import { z } from 'zod';
import type { Answer, Operation } from './document.js';
import { dossierEventSchema, taskEventSchema } from '../../domain/wire-schemas.js';
import { ingestBatchBody, ingestModeHeaders } from '../../ingest/routes.js';
import { dvcqgBody, dvcqgQuery } from '../../ingest/dvcqg-body.js';
import { DOSSIER_SORT_KEYS, TASK_SORT_KEYS } from '../../db/read-repo.js';
import { pageQuery, sortQuery } from '../query.js';
import { periodQuery, recentAlertsQuery, scopeDetailQuery } from '../read-routes.js';
import { overviewLevelQuery } from '../overview-level.js';
import { replayOverviewQuery } from '../replay-routes.js';
import { replayReadQuery } from '../replay-request.js';
import { REPLAY_OPERATIONS } from './replay-operations.js';
import { dossierListQuery, taskListQuery } from '../item-routes.js';
import { drillQuery } from '../index-drill-query.js';
import { dossierQuery as atRiskQuery, taskQuery as atRiskTaskQuery } from '../early-warning-routes.js';
import { detailQuery as officialQuery, listQuery as officialsQuery } from '../official-routes.js';
import { listQuery as buckPassingQuery } from '../buck-passing-routes.js';
import { indexQuery } from '../service-index-routes.js';
import { flagsQuery, periodQuery as dataTrustQuery, reviewBody } from '../data-trust-routes.js';
import { answerBody, listQuery as requestsQuery, seenBody, sendBody } from '../reminder-routes.js';
import { exportBody, exportQuery } from '../export-routes.js';
import { loginBody } from '../auth-routes.js';
import {
  dossierListPageSchema,
  dvcqgAnswerSchema,
  errorBodySchema,
  fieldErrorSchema,
  ingestAnswerSchema,
  taskListPageSchema,
  replayInfoSchema,
  dossierListAtSchema,
  replayCompareSchema,
  replayMarksSchema,
} from '../../../shared/contract/api-schemas.js';

/** A DVCQG record: read field by field by domain/dvcqg-record.ts (README "National sync format" has the mapping). */
const dvcqgRecord = z.record(z.string(), z.unknown()).meta({
  description:
    'One record as the national portal receives it (MaHoSo, MaTTHC, TrangThaiHoSo, NgayTiepNhan yyyyMMddHHmmss, …). Each field is checked by server/domain/dvcqg-record.ts, which answers per record naming the DVCQG field; README "National sync format (DVCQG)" has the mapping table.',
});

/** Request components (their input side). */
export const REQUEST_SCHEMAS: Record<string, z.ZodType> = {
  DossierEvent: dossierEventSchema,
  TaskEvent: taskEventSchema,
  DossierBatch: ingestBatchBody(dossierEventSchema),
  TaskBatch: ingestBatchBody(taskEventSchema),
  DvcqgRecord: dvcqgRecord,
  DvcqgBody: dvcqgBody(dvcqgRecord),
  LoginBody: loginBody,
  ReminderBody: sendBody,
  AnswerBody: answerBody,
  AnswersSeenBody: seenBody,
  DataTrustReviewBody: reviewBody,
  ExportBody: exportBody,
};

/** Answer components described by zod schemas (their output side); tests parse real answers with them. */
export const RESPONSE_SCHEMAS: Record<string, z.ZodType> = {
  ErrorBody: errorBodySchema,
  FieldError: fieldErrorSchema,
  IngestAnswer: ingestAnswerSchema,
  DvcqgAnswer: dvcqgAnswerSchema,
  DossierListPage: dossierListPageSchema,
  TaskListPage: taskListPageSchema,
  ReplayInfo: replayInfoSchema,
  DossierListAtPage: dossierListAtSchema,
  ReplayCompare: replayCompareSchema,
  ReplayMarks: replayMarksSchema,
};

export const TAGS = [
  { name: 'ingest', description: 'Events from the dossier and document systems (source key).' },
  { name: 'auth', description: 'Sign in and out; who is signed in.' },
  { name: 'figures', description: 'The jurisdiction, the overview and the figures of one unit, department or the city.' },
  { name: 'lists', description: 'Dossiers and tasks of a unit, department or the city.' },
  { name: 'early-warning', description: 'Forecasts and the at-risk lists.' },
  { name: 'officials', description: 'Handling officials and their scorecards.' },
  { name: 'buck-passing', description: 'Buck-passing cases.' },
  { name: 'service-index', description: 'The national service index (Decision 766).' },
  { name: 'data-trust', description: 'Data trust figures and flags.' },
  { name: 'requests', description: 'Reminders and explanation requests.' },
  { name: 'exports', description: '.xlsx and CSV exports.' },
  { name: 'operations', description: 'Health and this description.' },
] as const;

type Tag = (typeof TAGS)[number]['name'];
const API = 'shared/contract/api.ts';
const ts = (tsType: string, file = API): Answer => ({ tsType, file });

const op = (
  method: Operation['method'],
  path: string,
  operationId: string,
  tag: Tag,
  summary: string,
  rest: Partial<Operation> & Pick<Operation, 'access' | 'answer'>,
): Operation => ({
  method,
  path,
  operationId,
  tag,
  summary,
  ...rest,
});

const SCOPES = [
  { prefix: '/city', id: 'city', what: 'the city' },
  { prefix: '/units/:code', id: 'unit', what: 'a unit (or `city`)' },
  { prefix: '/departments/:code', id: 'department', what: 'a department' },
] as const;

/** The same read under /city, /units/:code and /departments/:code (or the last two only). */
function scoped(
  suffix: string,
  name: string,
  tag: Tag,
  summary: string,
  rest: Pick<Operation, 'answer'> & Partial<Operation>,
  withCity = true,
): Operation[] {
  return SCOPES.filter((s) => withCity || s.id !== 'city').map((s) =>
    op('get', `${s.prefix}${suffix}`, `${s.id}${name}`, tag, `${summary} of ${s.what}`, { access: 'read', ...rest }),
  );
}

// The buck-passing query is built at a given instant for its period check; the description needs only its shape.
const BUCK_PASSING_QUERY = buckPassingQuery(0);
const NOT_FOUND = { errors: [400, 404] };

export const OPERATIONS: Operation[] = [
  op('post', '/ingest/dossiers', 'ingestDossierEvents', 'ingest', 'Send up to 5,000 dossier events; one result per event', {
    access: 'source',
    body: 'DossierBatch',
    headers: [ingestModeHeaders],
    answer: { schema: 'IngestAnswer' },
  }),
  op('post', '/ingest/tasks', 'ingestTaskEvents', 'ingest', 'Send up to 5,000 task events; one result per event', {
    access: 'source',
    body: 'TaskBatch',
    headers: [ingestModeHeaders],
    answer: { schema: 'IngestAnswer' },
  }),
  op(
    'post',
    '/ingest/dvcqg',
    'ingestDvcqg',
    'ingest',
    'Send up to 5,000 records in the national sync format (DVCQG); one result per record',
    { access: 'source', body: 'DvcqgBody', query: [dvcqgQuery], answer: { schema: 'DvcqgAnswer' } },
  ),

  op('post', '/auth/login', 'login', 'auth', 'Sign in: sets the session cookie', {
    access: 'public',
    body: 'LoginBody',
    answer: ts('MeResponse', 'server/http/auth-routes.ts'),
    errors: [400, 401, 429],
  }),
  op('post', '/auth/logout', 'logout', 'auth', 'Sign out: ends the session', { access: 'session', answer: { empty: true, status: 204 } }),
  op('get', '/auth/me', 'me', 'auth', 'Who is signed in, and the session’s CSRF token', {
    access: 'read',
    answer: ts('MeResponse', 'server/http/auth-routes.ts'),
  }),

  op('get', '/jurisdiction', 'jurisdiction', 'figures', 'Units and departments', { access: 'read', answer: ts('JurisdictionResponse') }),
  op('get', '/jurisdiction/boundaries', 'boundaries', 'figures', 'The map’s boundaries (GeoJSON), with a strong ETag', {
    access: 'read',
    answer: ts('BoundariesResponse'),
  }),
  op(
    'get',
    '/jurisdiction/province-boundaries',
    'provinceBoundaries',
    'figures',
    'A national pack’s province cells (GeoJSON); 404 for a city pack',
    {
      access: 'read',
      answer: ts('BoundariesResponse'),
      errors: [404],
    },
  ),
  op(
    'get',
    '/overview',
    'overview',
    'figures',
    'Metrics of the city, every unit and department the caller may see; with `at`, as they stood then (plus a `replay` block: ReplayInfo). National pack: the provinces at country level, one province’s communes with `province`. A weak ETag of the figures (all but `asOf`): 304 to If-None-Match while they are the same',
    {
      access: 'read',
      query: [periodQuery, overviewLevelQuery, replayOverviewQuery],
      answer: ts('OverviewResponse'),
      errors: [400],
    },
  ),
  ...REPLAY_OPERATIONS,
  op('get', '/forecast', 'forecast', 'early-warning', 'Every scope’s forecast (current periods only)', {
    access: 'read',
    query: [periodQuery],
    answer: ts('ForecastResponse', 'shared/contract/early-warning.ts'),
    errors: [400],
  }),
  op('get', '/alerts/recent', 'recentAlerts', 'figures', 'What became overdue most recently', {
    access: 'read',
    query: [recentAlertsQuery],
    answer: ts('RecentAlertsResponse'),
    ...NOT_FOUND,
  }),
  op(
    'get',
    '/units/:code',
    'unitDetail',
    'figures',
    'A unit’s (or `city`’s) metrics and tables; with `at`, its metrics as they stood then and the tables left empty (UnitDetailAtResponse, shared/contract/replay.ts)',
    {
      access: 'read',
      query: [scopeDetailQuery, replayReadQuery],
      answer: ts('UnitDetailResponse'),
      ...NOT_FOUND,
    },
  ),
  op(
    'get',
    '/departments/:code',
    'departmentDetail',
    'figures',
    'A department’s metrics and tables; with `at`, its metrics as they stood then and the tables left empty (UnitDetailAtResponse, shared/contract/replay.ts)',
    {
      access: 'read',
      query: [scopeDetailQuery, replayReadQuery],
      answer: ts('UnitDetailResponse'),
      ...NOT_FOUND,
    },
  ),

  ...scoped(
    '/dossiers',
    'Dossiers',
    'lists',
    'Dossiers (with `at`: those overdue then, each with its holder then, as a DossierListAtPage)',
    {
      query: [dossierListQuery, pageQuery, sortQuery([...DOSSIER_SORT_KEYS]), drillQuery, replayReadQuery],
      answer: { schema: 'DossierListPage' },
      ...NOT_FOUND,
    },
    false,
  ),
  ...scoped(
    '/tasks',
    'Tasks',
    'lists',
    'Tasks',
    { query: [taskListQuery, pageQuery, sortQuery([...TASK_SORT_KEYS])], answer: { schema: 'TaskListPage' }, ...NOT_FOUND },
    false,
  ),
  op('get', '/dossiers/:id', 'dossier', 'lists', 'One dossier: detail, timeline, holds; with `at`, its state then too (stateAt)', {
    access: 'read',
    query: [replayReadQuery],
    answer: ts('DossierDetailResponse'),
    errors: [404],
  }),
  op('get', '/tasks/:id', 'task', 'lists', 'One task: detail and timeline', {
    access: 'read',
    answer: ts('TaskDetailResponse'),
    errors: [404],
  }),

  ...scoped('/at-risk', 'AtRisk', 'early-warning', 'Open dossiers due within the next working hours', {
    query: [atRiskQuery],
    answer: ts('AtRiskDossierList', 'shared/contract/early-warning.ts'),
    ...NOT_FOUND,
  }),
  ...scoped('/at-risk/tasks', 'AtRiskTasks', 'early-warning', 'Open tasks due within 3 working days', {
    query: [atRiskTaskQuery],
    answer: ts('AtRiskTaskList', 'shared/contract/early-warning.ts'),
    ...NOT_FOUND,
  }),

  op('get', '/officials', 'officials', 'officials', 'Handling officials with their scorecards', {
    access: 'read',
    query: [officialsQuery, pageQuery],
    answer: ts('OfficialsResponse', 'shared/contract/officials.ts'),
    errors: [400],
  }),
  op('get', '/officials/:id', 'official', 'officials', 'One official', {
    access: 'read',
    query: [officialQuery],
    answer: ts('OfficialDetailResponse', 'shared/contract/officials.ts'),
    ...NOT_FOUND,
  }),

  ...scoped('/buck-passing', 'BuckPassing', 'buck-passing', 'Buck-passing cases', {
    query: [BUCK_PASSING_QUERY, pageQuery],
    answer: ts('BuckPassingListResponse', 'shared/contract/buck-passing.ts'),
    ...NOT_FOUND,
  }),

  op('get', '/index', 'serviceIndexRanking', 'service-index', 'The service index of every unit and department', {
    access: 'read',
    query: [indexQuery, overviewLevelQuery],
    answer: ts('IndexRankingResponse', 'shared/contract/service-index.ts'),
    errors: [400, 404],
  }),
  ...scoped('/index', 'ServiceIndex', 'service-index', 'The service index', {
    query: [indexQuery],
    answer: ts('ScopeIndexResponse', 'shared/contract/service-index.ts'),
    ...NOT_FOUND,
  }),

  op('get', '/data-trust', 'dataTrust', 'data-trust', 'Every unit’s data-trust figure', {
    access: 'read',
    query: [dataTrustQuery],
    answer: ts('DataTrustSummaryResponse', 'shared/contract/data-trust.ts'),
    errors: [400],
  }),
  ...scoped('/data-trust/flags', 'DataTrustFlags', 'data-trust', 'Data-trust flags', {
    query: [flagsQuery, pageQuery],
    answer: ts('DataTrustFlagsResponse', 'shared/contract/data-trust.ts'),
    ...NOT_FOUND,
  }),
  ...(['unit', 'department'] as const).map((s) =>
    op('post', `/${s}s/:code/data-trust/flags/:id/review`, `${s}DataTrustReview`, 'data-trust', 'Review a data-trust flag', {
      access: 'session',
      body: 'DataTrustReviewBody',
      answer: ts('DataTrustReviewResponse', 'shared/contract/data-trust.ts'),
      errors: [404],
    }),
  ),

  op('post', '/reminders', 'sendRequest', 'requests', 'Send a reminder or an explanation request', {
    access: 'session',
    body: 'ReminderBody',
    answer: { ...ts('RequestView', 'shared/contract/requests.ts'), status: 201 },
  }),
  op('get', '/reminders/default-due', 'requestDefaultDue', 'requests', 'The default answer date of a new request', {
    access: 'read',
    answer: ts('DefaultDueResponse', 'shared/contract/requests.ts'),
  }),
  op('get', '/reminders/mine', 'myRequests', 'requests', 'Requests sent to or by the caller', {
    access: 'read',
    query: [requestsQuery],
    answer: ts('RequestListResponse', 'shared/contract/requests.ts'),
    errors: [400],
  }),
  op('post', '/reminders/answers-seen', 'requestAnswersSeen', 'requests', 'Mark answers as seen', {
    access: 'session',
    body: 'AnswersSeenBody',
    answer: ts('AnswersSeenResponse', 'server/http/reminder-routes.ts (`{ seen }`: how many were marked)'),
  }),
  ...(['unit', 'department'] as const).map((s) =>
    op('get', `/${s}s/:code/reminders`, `${s}Requests`, 'requests', `Requests to a ${s}`, {
      access: 'read',
      query: [requestsQuery],
      answer: ts('RequestListResponse', 'shared/contract/requests.ts'),
      ...NOT_FOUND,
    }),
  ),
  op('get', '/dossiers/:id/reminders', 'dossierRequests', 'requests', 'Requests about a dossier', {
    access: 'read',
    answer: ts('RequestListResponse', 'shared/contract/requests.ts'),
    errors: [404],
  }),
  op('get', '/tasks/:id/reminders', 'taskRequests', 'requests', 'Requests about a task', {
    access: 'read',
    answer: ts('RequestListResponse', 'shared/contract/requests.ts'),
    errors: [404],
  }),
  op('post', '/reminders/:id/acknowledge', 'acknowledgeRequest', 'requests', 'Acknowledge a reminder', {
    access: 'session',
    answer: ts('RequestView', 'shared/contract/requests.ts'),
    errors: [404, 409],
  }),
  op('post', '/reminders/:id/answer', 'answerRequest', 'requests', 'Answer an explanation request', {
    access: 'session',
    body: 'AnswerBody',
    answer: ts('RequestView', 'shared/contract/requests.ts'),
    errors: [404, 409],
  }),

  op('get', '/exports/:table', 'exportTable', 'exports', 'A table as .xlsx or CSV', {
    access: 'read',
    query: [exportQuery],
    answer: { files: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv'] },
    ...NOT_FOUND,
  }),
  op('post', '/exports', 'recordExport', 'exports', 'Record an export made in the browser (audited)', {
    access: 'session',
    body: 'ExportBody',
    answer: { empty: true, status: 204 },
  }),

  op('get', '/health', 'health', 'operations', 'Database, sources’ freshness, the working calendar; 503 while recovering', {
    access: 'public',
    answer: ts('HealthResponse'),
  }),
  op('get', '/openapi.json', 'openApi', 'operations', 'This description', {
    access: 'public',
    answer: ts('OpenApiDocument', 'server/http/openapi/document.ts'),
  }),
];

/**
 * Routes of the API router left out of the description, each with why: a path equal to `route`, or
 * every route under `prefix` (the admin area, whose new routes are covered without an edit here).
 */
type Exclusion = ({ route: string } | { prefix: string; methods: readonly string[] }) & { why: string };

export const UNDOCUMENTED: readonly Exclusion[] = [
  // Administration: the admin role's own screens (README "Access control and security"), not an integration API.
  { prefix: '/admin/', methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'], why: 'administration (admin role)' },
  { prefix: '/audit', methods: ['GET', 'POST'], why: 'the audit log (admin role)' },
  { prefix: '/quarantine', methods: ['GET', 'POST', 'PUT', 'DELETE'], why: 'the quarantine review (admin role)' },
  // The web client's and the wall's own plumbing.
  { route: 'GET /client-config', why: 'the web client’s settings (tile server, public view)' },
  { route: 'GET /wall/presets', why: 'the wall display’s client (README "Wall display")' },
  { route: 'GET /wall/presets/:name', why: 'the wall display’s client' },
  { route: 'GET /wall/display', why: 'the wall display’s client (display token)' },
];

/** True when `METHOD /path` is deliberately left out. */
export function isUndocumented(route: string): boolean {
  const [method, path] = route.split(' ');
  return UNDOCUMENTED.some((u) =>
    'route' in u
      ? u.route === route
      : u.methods.includes(method) && (path === u.prefix || path.startsWith(u.prefix.endsWith('/') ? u.prefix : `${u.prefix}/`)),
  );
}
