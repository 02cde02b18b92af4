/**
 * The access matrix of a national pack (JURISDICTION=vn): the routes and socket scopes whose answer
 * depends on the asker's scope, for principals bound to the country, to a province (a leader and a
 * supervisor of Hà Nội, province 01), and to one commune — each asking about their own province and
 * commune and about another province's (Hồ Chí Minh City, 79). The routes that do not depend on a
 * scope (admin, ingest, auth, wall) are the city matrix's (access-matrix.test.ts); a province user is
 * there a city_leader or supervisor like any other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScopeKey } from '../../../server/metrics/types.js';
import type { SubscribeAck } from '../../../server/realtime/events.js';
import { receivedEvent, startTestServer, waitFor, type RoleClient, type TestServer } from '../../helpers/test-server.js';

const ACTORS = ['country_leader', 'province_leader', 'province_supervisor', 'commune_leader', 'other_province_leader', 'public'] as const;
type Actor = (typeof ACTORS)[number];
/** A = 2xx; D = 403 `forbidden` (401 for the public); N = 404. */
type Expect = 'A' | 'D' | 'N';

const HN = '01'; // Hà Nội: the province users' province
const HCM = '79'; // Hồ Chí Minh City: another province
const OWN = '00004'; // Phường Ba Đình, Hà Nội: the commune leader's
const SIBLING = '00008'; // Phường Ngọc Hà, Hà Nội: another commune of the same province
const FAR = '26740'; // Phường Sài Gòn, Hồ Chí Minh City
const DEPT = 'BTP'; // a ministry: the country's, no province's

function row(...e: Expect[]): Record<Actor, Expect> {
  if (e.length !== ACTORS.length) throw new Error(`a row needs ${ACTORS.length} cells`);
  return Object.fromEntries(ACTORS.map((a, i) => [a, e[i]])) as Record<Actor, Expect>;
}
const ALL = row('A', 'A', 'A', 'A', 'A', 'A');

interface Case {
  what: string;
  method?: 'GET' | 'POST';
  path: string;
  body?: unknown;
  expect: Record<Actor, Expect>;
}

//                                                   country  province  prov.sup  commune  other-prov public
const CASES: Case[] = [
  // Aggregates: everyone while the public view is on (PUBLIC_VIEW=1, the default).
  { what: 'the country overview', path: '/overview', expect: ALL },
  { what: 'the own province’s overview', path: `/overview?province=${HN}`, expect: ALL },
  { what: 'another province’s overview', path: `/overview?province=${HCM}`, expect: ALL },
  { what: 'a commune of another province', path: `/units/${FAR}`, expect: ALL },
  { what: 'the index ranking', path: '/index', expect: ALL },
  { what: 'the own province’s unit page', path: `/units/province:${HN}`, expect: ALL },
  { what: 'another province’s unit page', path: `/units/province:${HCM}`, expect: ALL },

  // Lists and names: the country's readers, a province's for its communes, a commune's for itself.
  { what: 'the own commune’s dossiers', path: `/units/${OWN}/dossiers`, expect: row('A', 'A', 'A', 'A', 'D', 'D') },
  { what: 'a sibling commune’s dossiers', path: `/units/${SIBLING}/dossiers`, expect: row('A', 'A', 'A', 'D', 'D', 'D') },
  { what: 'another province’s commune’s dossiers', path: `/units/${FAR}/dossiers`, expect: row('A', 'D', 'D', 'D', 'A', 'D') },
  { what: 'the own province’s dossiers', path: `/units/province:${HN}/dossiers`, expect: row('A', 'A', 'A', 'D', 'D', 'D') },
  { what: 'another province’s dossiers', path: `/units/province:${HCM}/dossiers`, expect: row('A', 'D', 'D', 'D', 'A', 'D') },
  { what: 'the own province’s tasks', path: `/units/province:${HN}/tasks`, expect: row('A', 'A', 'D', 'D', 'D', 'D') },
  { what: 'the country’s dossiers', path: '/units/city/dossiers', expect: row('A', 'D', 'D', 'D', 'D', 'D') },
  { what: 'a ministry’s dossiers', path: `/departments/${DEPT}/dossiers`, expect: row('A', 'D', 'D', 'D', 'D', 'D') },
  {
    what: 'the own commune’s dossiers overdue an hour ago',
    path: `/units/${OWN}/dossiers?at=2026-11-20T08:00%2B07:00`,
    expect: row('A', 'A', 'A', 'A', 'D', 'D'),
  },
  {
    what: 'another province’s commune’s dossiers an hour ago',
    path: `/units/${FAR}/dossiers?at=2026-11-20T08:00%2B07:00`,
    expect: row('A', 'D', 'D', 'D', 'A', 'D'),
  },
  { what: 'the own commune’s tasks', path: `/units/${OWN}/tasks`, expect: row('A', 'A', 'D', 'A', 'D', 'D') },
  { what: 'another province’s commune’s tasks', path: `/units/${FAR}/tasks`, expect: row('A', 'D', 'D', 'D', 'A', 'D') },
  { what: 'the own commune’s at-risk dossiers', path: `/units/${OWN}/at-risk`, expect: row('A', 'A', 'A', 'A', 'D', 'D') },
  { what: 'another province’s at-risk dossiers', path: `/units/${FAR}/at-risk`, expect: row('A', 'D', 'D', 'D', 'A', 'D') },
  { what: 'the own province’s at-risk dossiers', path: `/units/province:${HN}/at-risk`, expect: row('A', 'A', 'A', 'D', 'D', 'D') },
  {
    what: 'another province’s at-risk dossiers (province page)',
    path: `/units/province:${HCM}/at-risk`,
    expect: row('A', 'D', 'D', 'D', 'A', 'D'),
  },
  { what: 'the country’s at-risk dossiers', path: '/city/at-risk', expect: row('A', 'D', 'D', 'D', 'D', 'D') },
  { what: 'the own commune’s at-risk tasks', path: `/units/${OWN}/at-risk/tasks`, expect: row('A', 'A', 'D', 'A', 'D', 'D') },
  { what: 'the country’s at-risk tasks', path: '/city/at-risk/tasks', expect: row('A', 'D', 'D', 'D', 'D', 'D') },
  {
    what: 'one official’s cases in the own commune',
    path: `/units/${OWN}/buck-passing?official=O-A`,
    expect: row('A', 'A', 'A', 'A', 'D', 'D'),
  },
  { what: 'one official’s cases in the country', path: '/city/buck-passing?official=O-A', expect: row('A', 'D', 'D', 'D', 'D', 'D') },

  // Officials: people within the scope (the province's communes' by default for a province user).
  { what: 'the officials list (the asker’s own scope)', path: '/officials', expect: row('A', 'A', 'A', 'A', 'A', 'D') },
  { what: 'the own commune’s officials', path: `/officials?unit=${OWN}`, expect: row('A', 'A', 'A', 'A', 'D', 'D') },
  { what: 'another province’s commune’s officials', path: `/officials?unit=${FAR}`, expect: row('A', 'D', 'D', 'D', 'A', 'D') },
  { what: 'an official of the own commune', path: '/officials/O-A', expect: row('A', 'A', 'A', 'A', 'N', 'D') },
  { what: 'an official of another province', path: '/officials/O-B', expect: row('A', 'N', 'N', 'N', 'A', 'D') },

  // Details: a dossier or task of the province; another province's is not found (existence private).
  { what: 'a dossier of the own commune', path: '/dossiers/D-A', expect: row('A', 'A', 'A', 'A', 'N', 'D') },
  { what: 'a dossier of a sibling commune', path: '/dossiers/D-S', expect: row('A', 'A', 'A', 'N', 'N', 'D') },
  { what: 'a dossier of another province', path: '/dossiers/D-B', expect: row('A', 'N', 'N', 'N', 'A', 'D') },
  { what: 'a task of the own commune', path: '/tasks/T-A', expect: row('A', 'A', 'D', 'A', 'N', 'D') },
  { what: 'a task of another province', path: '/tasks/T-B', expect: row('A', 'N', 'D', 'N', 'A', 'D') },

  // Explanation requests: read within the scope; sent by leaders and supervisors to their own communes.
  { what: 'the own commune’s requests', path: `/units/${OWN}/reminders`, expect: row('A', 'A', 'A', 'A', 'D', 'D') },
  { what: 'another province’s commune’s requests', path: `/units/${FAR}/reminders`, expect: row('A', 'D', 'D', 'D', 'A', 'D') },
  { what: 'requests about a dossier of the own commune', path: '/dossiers/D-A/reminders', expect: row('A', 'A', 'A', 'A', 'N', 'D') },
  {
    what: 'sends an explanation request about a dossier of the own commune',
    method: 'POST',
    path: '/reminders',
    body: { kind: 'explanation', subject: { type: 'dossier', id: 'D-A' }, message: 'Đề nghị giải trình' },
    expect: row('A', 'A', 'A', 'D', 'D', 'D'),
  },
  {
    what: 'sends an explanation request about a commune of another province',
    method: 'POST',
    path: '/reminders',
    body: { kind: 'explanation', subject: { type: 'unit', id: FAR }, message: 'Đề nghị giải trình' },
    expect: row('A', 'D', 'D', 'D', 'A', 'D'),
  },

  // Exports: the rule of the table's read endpoint.
  {
    what: 'exports the own commune’s dossiers',
    path: `/exports/dossiers?code=${OWN}&format=csv`,
    expect: row('A', 'A', 'A', 'A', 'D', 'D'),
  },
  {
    what: 'exports another province’s dossiers',
    path: `/exports/dossiers?code=${FAR}&format=csv`,
    expect: row('A', 'D', 'D', 'D', 'A', 'D'),
  },
  {
    what: 'exports the own province’s dossiers',
    path: `/exports/dossiers?code=province:${HN}&format=csv`,
    expect: row('A', 'A', 'A', 'D', 'D', 'D'),
  },
  {
    what: 'exports another province’s dossiers (province page)',
    path: `/exports/dossiers?code=province:${HCM}&format=csv`,
    expect: row('A', 'D', 'D', 'D', 'A', 'D'),
  },
  { what: 'exports the country’s dossiers', path: '/exports/dossiers?code=city&format=csv', expect: row('A', 'D', 'D', 'D', 'D', 'D') },
];

describe('access matrix of a national pack: country, province and commune scopes', () => {
  let srv: TestServer;
  const clients = {} as Record<Actor, RoleClient>;

  beforeAll(async () => {
    srv = await startTestServer({ jurisdiction: 'vn' });
    const dossier = (id: string, unit: string, official: string) => [
      receivedEvent({ id: `r-${id}`, dossierId: id, unit, at: '2026-11-16T08:00:00+07:00', dueAt: '2026-11-18T17:00:00+07:00' }),
      {
        id: `a-${id}`,
        type: 'assigned',
        dossierId: id,
        at: '2026-11-16T08:30:00+07:00',
        handler: { id: official, name: `Cán bộ ${official}`, unit },
      },
    ];
    const res = await srv.post('/api/v1/ingest/dossiers', {
      events: [...dossier('D-A', OWN, 'O-A'), ...dossier('D-S', SIBLING, 'O-S'), ...dossier('D-B', FAR, 'O-B')],
    });
    expect(res.body.accepted).toBe(6);
    const task = (id: string, assignee: string) => ({
      id: `t-${id}`,
      type: 'assigned',
      taskId: id,
      at: '2026-11-02T08:00:00+07:00',
      title: 'Rà soát',
      document: { number: `${id}/UBND`, date: '2026-11-01' },
      issuer: 'UBND',
      assignee,
      dueAt: '2026-11-10',
    });
    await srv.post('/api/v1/ingest/tasks', { events: [task('T-A', OWN), task('T-B', FAR)] }, srv.taskKey);
    clients.country_leader = await srv.as('city_leader');
    clients.province_leader = await srv.as('city_leader', `province:${HN}`);
    clients.province_supervisor = await srv.as('supervisor', `province:${HN}`);
    clients.commune_leader = await srv.as('unit_leader', `unit:${OWN}`);
    clients.other_province_leader = await srv.as('city_leader', `province:${HCM}`);
    clients.public = await srv.as('public');
  }, 120_000);
  afterAll(() => srv?.close());

  for (const c of CASES) {
    for (const a of ACTORS) {
      const e = c.expect[a];
      it(`${c.method ?? 'GET'} ${c.path} (${c.what}) ${e === 'A' ? 'allows' : e === 'N' ? 'answers 404 to' : 'refuses'} ${a}`, async () => {
        const res = await clients[a].request(c.method ?? 'GET', `/api/v1${c.path}`, c.method === 'POST' ? c.body : undefined);
        const detail = `${c.path} as ${a}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`;
        if (e === 'A') expect(res.status >= 200 && res.status < 300, detail).toBe(true);
        else if (e === 'N') expect(res.status, detail).toBe(404);
        else if (a === 'public') expect(res.status, detail).toBe(401);
        else {
          expect(res.status, detail).toBe(403);
          expect(res.body.error.code, detail).toBe('forbidden');
        }
      });
    }
  }

  it('/auth/me of a province leader: the province is home and the one scope held', async () => {
    const me = (await clients.province_leader.get('/api/v1/auth/me')).body;
    expect(me.capabilities).toMatchObject({ home: `province:${HN}`, scopes: [`province:${HN}`], dossierLists: true });
    expect(me.user.scopes).toEqual([`province:${HN}`]);
  });

  it('the default officials list of a province leader holds its communes’ officials, not another province’s', async () => {
    const res = await clients.province_leader.get('/api/v1/officials');
    const ids = res.body.items.map((o: { id: string }) => o.id).sort();
    expect(ids).toEqual(['O-A', 'O-S']);
  });

  it('request:created for a commune reaches its province’s leader, not another province’s', async () => {
    const own = await clients.province_leader.socket();
    const other = await clients.other_province_leader.socket();
    const got: string[] = [];
    other.on('request:created', (m) => got.push(m.request.message));
    const marker = `Tỉnh ${Date.now()}`;
    const arrived = waitFor(own, 'request:created', (m) => m.request.message === marker);
    const sender = await srv.as('supervisor');
    const res = await sender.post('/api/v1/reminders', { kind: 'explanation', subject: { type: 'dossier', id: 'D-S' }, message: marker });
    expect(res.status).toBe(201);
    await arrived;
    await new Promise((r) => setTimeout(r, 300)); // time for a wrong delivery to arrive too
    expect(got).not.toContain(marker);
    own.disconnect();
    other.disconnect();
  });

  it('the province scope exists for sockets: a live snapshot of province:01', async () => {
    const s = await clients.province_leader.socket();
    const ack = (await s.timeout(3_000).emitWithAck('scope:subscribe', { scope: `province:${HN}`, period: 'today' })) as SubscribeAck;
    expect(ack.ok).toBe(true);
    s.disconnect();
  });
});

describe('a national pack without the public view (PUBLIC_VIEW=0): a province user watches its province only', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startTestServer({ jurisdiction: 'vn', security: { publicView: false } });
  }, 120_000);
  afterAll(() => srv?.close());

  const SCOPES: [ScopeKey, boolean][] = [
    ['city', false],
    [`province:${HN}`, true],
    [`province:${HCM}`, false],
    [`unit:${OWN}`, true],
    [`unit:${FAR}`, false],
    [`department:${DEPT}`, false],
  ];
  for (const [scope, ok] of SCOPES) {
    it(`socket ${scope}: ${ok ? 'a snapshot' : 'forbidden'} for Hà Nội’s leader`, async () => {
      const leader = await srv.as('city_leader', `province:${HN}`);
      const s = await leader.socket();
      const ack = (await s.timeout(3_000).emitWithAck('scope:subscribe', { scope, period: 'live' })) as SubscribeAck;
      if (ok) expect(ack.ok, JSON.stringify(ack)).toBe(true);
      else expect(ack).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      s.disconnect();
    });
  }

  it('GET /units/:code: the own province’s commune, not another province’s', async () => {
    const leader = await srv.as('city_leader', `province:${HN}`);
    expect((await leader.get(`/api/v1/units/${OWN}`)).status).toBe(200);
    const far = await leader.get(`/api/v1/units/${FAR}`);
    expect(far.status).toBe(403);
    expect(far.body.error.code).toBe('forbidden');
  });

  it('GET /units/province:<code>: the own province’s figures, not another province’s', async () => {
    const leader = await srv.as('city_leader', `province:${HN}`);
    expect((await leader.get(`/api/v1/units/province:${HN}`)).status).toBe(200);
    const far = await leader.get(`/api/v1/units/province:${HCM}`);
    expect(far.status).toBe(403);
    expect(far.body.error.code).toBe('forbidden');
  });
});
