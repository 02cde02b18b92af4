/**
 * Builds the OpenAPI 3.1 description of the API from an operation table (operations.ts) and the zod
 * schemas that validate requests and describe answers: zod's own JSON Schema output (draft 2020-12,
 * the dialect of OpenAPI 3.1), so the description cannot say something the validation does not.
 * Pure: no I/O, built once at start.
 */
import { z } from 'zod';
import { SESSION_COOKIE } from '../../auth/auth-service.js';
import { CSRF_HEADER } from '../security.js';

export type Method = 'get' | 'post' | 'put';

/**
 * Who may call: `source` a source key (ingest); `read` anyone the access rules allow (the public
 * while PUBLIC_VIEW is on, a signed-in user, a display); `session` a signed-in user whose state-changing
 * request carries its CSRF token; `public` no credentials at all.
 */
export type Access = 'source' | 'read' | 'session' | 'public';

/**
 * The success answer: a component described by a zod schema (`schema`), one named after the
 * TypeScript type it is (`tsType`, not yet described field by field), a download (`files`: media
 * types), or no body (`empty`).
 */
export type Answer =
  | { schema: string; status?: number }
  | { tsType: string; file: string; status?: number }
  | { files: string[] }
  | { empty: true; status: number };

export interface Operation {
  method: Method;
  /** As the router declares it (`/units/:code`). */
  path: string;
  operationId: string;
  tag: string;
  summary: string;
  access: Access;
  /** The query schemas the handler parses (each an object; their properties are the parameters). */
  query?: z.ZodObject[];
  /** The request header schemas the handler parses (each an object; their properties are the header parameters). */
  headers?: z.ZodObject[];
  /** The request schema's component name. */
  body?: string;
  answer: Answer;
  /** Refusals beyond those every operation of its access has (e.g. 404, 409, 413). */
  errors?: number[];
}

export interface DocumentInput {
  version: string;
  operations: readonly Operation[];
  /** Components described with their input side (what a caller may send). */
  requestSchemas: Record<string, z.ZodType>;
  /** Components described with their output side (what the server answers). */
  responseSchemas: Record<string, z.ZodType>;
  tags: readonly { name: string; description: string }[];
}

type Json = Record<string, unknown>;
export interface OpenApiDocument extends Json {
  openapi: string;
  paths: Record<string, Record<string, Json>>;
  components: { schemas: Record<string, Json>; responses: Record<string, Json>; securitySchemes: Record<string, Json> };
}

const REF = (name: string) => `#/components/schemas/${name}`;

/** Standard refusals, each answered with an ErrorBody (shared/contract/errors.ts). */
const REFUSALS: Record<number, { name: string; description: string }> = {
  400: { name: 'BadRequest', description: 'The request is malformed or fails its schema; the message names every bad field.' },
  401: { name: 'Unauthorized', description: 'No valid credentials (login_required for the public where a login is needed).' },
  403: { name: 'Forbidden', description: 'Outside the caller’s role or scope, a key of the other kind, or a missing CSRF token.' },
  404: { name: 'NotFound', description: 'No such thing, or one the caller may not know exists.' },
  409: { name: 'Conflict', description: 'Already done (acknowledged, answered).' },
  413: { name: 'TooLarge', description: 'More than 5,000 events or records, or a body over its size limit.' },
  429: { name: 'TooManyRequests', description: 'Rate limited; Retry-After says when to try again.' },
  503: {
    name: 'Unavailable',
    description: 'Recovering after an unclean stop, shutting down, or (ingest) backpressure; Retry-After says when.',
  },
};

const BASE_ERRORS: Record<Access, number[]> = {
  source: [400, 401, 403, 413, 429, 503],
  read: [401, 403, 503],
  session: [400, 401, 403, 503],
  public: [503],
};

const SECURITY: Record<Access, Json[]> = {
  source: [{ sourceKey: [] }],
  // An empty requirement: anonymous callers too, for what the public view shows.
  read: [{}, { sessionCookie: [] }, { displayToken: [] }],
  session: [{ sessionCookie: [], csrfToken: [] }],
  public: [{}],
};

/** Component schemas of a set of zod schemas, cross-references as `#/components/schemas/<name>`. */
function componentsOf(schemas: Record<string, z.ZodType>, io: 'input' | 'output'): Record<string, Json> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(schemas)) registry.add(schema, { id });
  const out = z.toJSONSchema(registry, { target: 'draft-2020-12', io, unrepresentable: 'any', uri: REF }).schemas as Record<string, Json>;
  // Each one becomes a part of the document, not a schema resource of its own.
  for (const s of Object.values(out)) {
    delete s.$schema;
    delete s.$id;
  }
  return out;
}

/** The query (or header) parameters of an operation: the properties of each of its query (or header) schemas. */
function objectParameters(op: Operation, where: 'query' | 'header'): Json[] {
  const out: Json[] = [];
  const seen = new Set<string>();
  for (const schema of (where === 'query' ? op.query : op.headers) ?? []) {
    const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as Json;
    const required = new Set((json.required as string[] | undefined) ?? []);
    for (const [name, prop] of Object.entries((json.properties as Record<string, Json> | undefined) ?? {})) {
      if (seen.has(name)) throw new Error(`${op.operationId}: ${where} parameter "${name}" described twice`);
      seen.add(name);
      const { description, ...propSchema } = prop;
      out.push({ name, in: where, required: required.has(name), schema: propSchema, ...(description ? { description } : {}) });
    }
  }
  return out;
}

const PARAM_WORDS: Record<string, string> = {
  code: 'A unit or department code (`26740`, `STP`); under /units also `city`.',
  id: 'The item’s id.',
  table: 'What to export.',
};

function pathParameters(path: string): Json[] {
  return [...path.matchAll(/:(\w+)/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string', minLength: 1 },
    ...(PARAM_WORDS[name] ? { description: PARAM_WORDS[name] } : {}),
  }));
}

function successOf(answer: Answer, typed: Record<string, Json>): [string, Json] {
  if ('empty' in answer) return [String(answer.status), { description: 'Done; no body.' }];
  if ('files' in answer) {
    const content = Object.fromEntries(answer.files.map((t) => [t, { schema: { type: 'string', contentMediaType: t } }]));
    return ['200', { description: 'The file.', content }];
  }
  const status = String(answer.status ?? 200);
  if ('schema' in answer) return [status, { description: 'OK', content: { 'application/json': { schema: { $ref: REF(answer.schema) } } } }];
  typed[answer.tsType] = {
    type: 'object',
    description: `Described by the TypeScript type ${answer.tsType} in ${answer.file}; not yet a schema checked against real answers.`,
  };
  return [status, { description: 'OK', content: { 'application/json': { schema: { $ref: REF(answer.tsType) } } } }];
}

function operationObject(op: Operation, typed: Record<string, Json>): Json {
  const [status, success] = successOf(op.answer, typed);
  const errors = [...new Set([...BASE_ERRORS[op.access], ...(op.errors ?? [])])].sort();
  const responses: Json = { [status]: success };
  for (const code of errors) responses[String(code)] = { $ref: `#/components/responses/${REFUSALS[code].name}` };
  const parameters = [...pathParameters(op.path), ...objectParameters(op, 'query'), ...objectParameters(op, 'header')];
  return {
    operationId: op.operationId,
    tags: [op.tag],
    summary: op.summary,
    security: SECURITY[op.access],
    ...(parameters.length ? { parameters } : {}),
    ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: { $ref: REF(op.body) } } } } } : {}),
    responses,
  };
}

/** `/units/:code` → `/units/{code}`. */
export const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

/** The OpenAPI 3.1 document of `input`. */
export function buildOpenApiDocument(input: DocumentInput): OpenApiDocument {
  const typed: Record<string, Json> = {};
  const paths: OpenApiDocument['paths'] = {};
  for (const op of input.operations) {
    const item = (paths[openApiPath(op.path)] ??= {});
    if (item[op.method]) throw new Error(`${op.method.toUpperCase()} ${op.path} described twice`);
    item[op.method] = operationObject(op, typed);
  }
  const requests = componentsOf(input.requestSchemas, 'input');
  const answers = componentsOf(input.responseSchemas, 'output');
  for (const name of Object.keys(requests)) if (name in answers || name in typed) throw new Error(`component ${name} named twice`);
  const responses = Object.fromEntries(
    Object.values(REFUSALS).map(({ name, description }) => [
      name,
      { description, content: { 'application/json': { schema: { $ref: REF('ErrorBody') } } } },
    ]),
  );
  return {
    openapi: '3.1.0',
    info: {
      title: 'Bản đồ thực thi — ingest and read API',
      version: input.version,
      description:
        'Generated at start from the zod schemas that validate requests (server/http/openapi/). Instants are ISO 8601 with an offset (+07:00 from this server). README.md explains every figure.',
    },
    servers: [{ url: '/api/v1', description: 'This server' }],
    tags: input.tags.map((t) => ({ ...t })),
    paths,
    components: {
      schemas: { ...requests, ...answers, ...typed },
      responses,
      securitySchemes: {
        sourceKey: { type: 'http', scheme: 'bearer', description: 'A source key (`npm run source:add`), for ingest only.' },
        sessionCookie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'Set by POST /auth/login.' },
        csrfToken: {
          type: 'apiKey',
          in: 'header',
          name: CSRF_HEADER,
          description: 'The session’s CSRF token (GET /auth/me), on every state-changing request made with the session cookie.',
        },
        displayToken: { type: 'http', scheme: 'bearer', description: 'A wall display’s token (`npm run display:add`), read-only.' },
      },
    },
  };
}
