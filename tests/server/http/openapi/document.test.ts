/** The API description is a structurally sound OpenAPI 3.1 document, made of the schemas the handlers validate with. */
import { describe, expect, it } from 'vitest';
import { describeApi } from '../../../../server/http/openapi/routes.js';
import { OPERATIONS } from '../../../../server/http/openapi/operations.js';
import { refsOf, resolveRef, validatorOf } from '../../../helpers/openapi-check.js';

const doc = describeApi('test');
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];
const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
  Object.entries(item)
    .filter(([m]) => METHODS.includes(m))
    .map(([method, op]) => ({ path, method, op: op as Record<string, any> })),
);

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 with a title, a version, a server and the security schemes of ingest and of the browser', () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info).toMatchObject({ title: expect.any(String), version: 'test' });
    expect(doc.servers).toEqual([expect.objectContaining({ url: '/api/v1' })]);
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['csrfToken', 'displayToken', 'sessionCookie', 'sourceKey']);
    expect(doc.components.securitySchemes.sourceKey).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('resolves every $ref it holds', () => {
    const refs = refsOf(doc);
    expect(refs.length).toBeGreaterThan(100);
    expect(refs.filter(({ ref }) => resolveRef(doc, ref) === undefined)).toEqual([]);
  });

  it('gives every operation a unique operationId, a declared tag, known security schemes, a success answer and JSON error answers', () => {
    const tags = new Set((doc.tags as { name: string }[]).map((t) => t.name));
    const ids = operations.map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { path, method, op } of operations) {
      const where = `${method.toUpperCase()} ${path}`;
      expect(
        op.tags.every((t: string) => tags.has(t)),
        where,
      ).toBe(true);
      for (const req of op.security) for (const name of Object.keys(req)) expect(doc.components.securitySchemes[name], where).toBeDefined();
      const statuses = Object.keys(op.responses);
      expect(
        statuses.some((s) => /^2\d\d$/.test(s)),
        where,
      ).toBe(true);
      for (const s of statuses.filter((s) => /^[45]/.test(s))) {
        const answer = resolveRef(doc, op.responses[s].$ref) as any;
        expect(answer.content['application/json'].schema, `${where} ${s}`).toEqual({ $ref: '#/components/schemas/ErrorBody' });
      }
    }
  });

  it('declares exactly the path parameters its path template names, as required', () => {
    for (const { path, method, op } of operations) {
      const inTemplate = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const declared = (op.parameters ?? []).filter((p: any) => p.in === 'path');
      expect(
        declared.map((p: any) => p.name),
        `${method} ${path}`,
      ).toEqual(inTemplate);
      expect(declared.every((p: any) => p.required === true)).toBe(true);
    }
  });

  it('compiles every component schema with ajv (draft 2020-12, strict)', () => {
    const validate = validatorOf(doc);
    for (const name of Object.keys(doc.components.schemas)) {
      expect(() => validate({ $ref: `#/components/schemas/${name}` }, null), name).not.toThrow();
    }
  });

  it('describes the ingest body with the event schemas of record: a received event without its unit or with a bad channel fails', () => {
    const validate = validatorOf(doc);
    const body = doc.paths['/ingest/dossiers'].post as any;
    const schema = body.requestBody.content['application/json'].schema;
    const event = {
      id: 'e1',
      type: 'received',
      dossierId: 'D-1',
      at: '2026-11-20T08:15:00+07:00',
      unit: '26740',
      procedure: { code: '1.001193', name: 'Đăng ký khai sinh', field: 'Hộ tịch', legalDays: 3 },
      channel: 'online',
      dueAt: '2026-11-25',
    };
    expect(validate(schema, { events: [event] })).toEqual([]);
    const { unit: _unit, ...noUnit } = event;
    expect(validate(schema, { events: [noUnit] })).not.toEqual([]);
    expect(validate(schema, { events: [{ ...event, channel: 'fax' }] })).not.toEqual([]);
    expect(validate(schema, { events: Array.from({ length: 5_001 }, () => event) }).join()).toContain('5000');
  });

  it('takes its query parameters from the handlers’ schemas: the dossier list’s status values, page size bound and defaults', () => {
    const op = doc.paths['/units/{code}/dossiers'].get as any;
    const param = (name: string) => op.parameters.find((p: any) => p.name === name);
    expect(param('status').schema).toMatchObject({ default: 'overdue', enum: expect.arrayContaining(['overdue', 'due_soon', 'done']) });
    expect(param('pageSize').schema).toMatchObject({ maximum: 500, default: 50 });
    expect(param('indicator').schema.enum).toContain('online_payment');
    expect(op.security).toEqual([{}, { sessionCookie: [] }, { displayToken: [] }]);
  });

  it('describes X-Ingest-Mode on native ingest from the handler’s schema: optional, live or history, what history does; a wrong value fails', () => {
    const validate = validatorOf(doc);
    for (const path of ['/ingest/dossiers', '/ingest/tasks']) {
      const headers = ((doc.paths[path] as any).post.parameters ?? []).filter((p: any) => p.in === 'header');
      expect(headers, path).toEqual([expect.objectContaining({ name: 'X-Ingest-Mode', required: false })]);
      const [mode] = headers;
      expect(mode.schema.enum).toEqual(['live', 'history']);
      expect(mode.description).toMatch(/history load/);
      expect(mode.description).toMatch(/--history-load yes/);
      expect(mode.description).toMatch(/403/);
      expect(validate(mode.schema, 'history')).toEqual([]);
      expect(validate(mode.schema, 'fast')).not.toEqual([]);
    }
    // The national sync format has no history-load mode (the importer refuses --history with --kind dvcqg).
    expect(((doc.paths['/ingest/dvcqg'] as any).post.parameters ?? []).filter((p: any) => p.in === 'header')).toEqual([]);
  });

  it('asks for the CSRF token on every state-changing request made with the session cookie', () => {
    for (const o of OPERATIONS.filter((o) => o.method !== 'get' && o.access === 'session')) {
      expect((doc.paths[o.path.replace(/:(\w+)/g, '{$1}')] as any)[o.method].security).toEqual([{ sessionCookie: [], csrfToken: [] }]);
    }
    expect((doc.paths['/ingest/tasks'] as any).post.security).toEqual([{ sourceKey: [] }]);
  });
});
