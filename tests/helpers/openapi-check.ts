/**
 * Checks against the API description (server/http/openapi/): JSON validated with ajv's draft 2020-12
 * build against the document's schemas, the document's own structure, and the README's marked examples.
 */
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { OpenApiDocument } from '../../server/http/openapi/document.js';

type Json = Record<string, any>;
const COMPONENTS = '#/components/schemas/';
const ROOT = 'urn:bdt:api';

/** `#/components/schemas/X` → a reference into the schema resource holding the components. */
function rebased(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(rebased);
  if (!schema || typeof schema !== 'object') return schema;
  return Object.fromEntries(
    Object.entries(schema).map(([k, v]) => [
      k,
      k === '$ref' && typeof v === 'string' && v.startsWith(COMPONENTS) ? `${ROOT}#/$defs/${v.slice(COMPONENTS.length)}` : rebased(v),
    ]),
  );
}

/** Validates values against schemas of `doc` (components reachable by their $refs); answers the errors, [] when valid. */
export function validatorOf(doc: OpenApiDocument): (schema: unknown, value: unknown) => string[] {
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  addFormats.default(ajv);
  ajv.addSchema({ $id: ROOT, $defs: rebased(doc.components.schemas) as Json });
  const cache = new Map<string, ReturnType<typeof ajv.compile>>();
  return (schema, value) => {
    const key = JSON.stringify(schema);
    let validate = cache.get(key);
    if (!validate) cache.set(key, (validate = ajv.compile(rebased(schema) as Json)));
    return validate(value)
      ? []
      : (validate.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message} ${JSON.stringify(e.params)}`);
  };
}

/** The value at a local reference (`#/components/...`), or undefined. */
export function resolveRef(doc: OpenApiDocument, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let at: any = doc;
  for (const part of ref.slice(2).split('/')) {
    at = at?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return at;
}

/** Every `$ref` in the document with where it is. */
export function refsOf(value: unknown, where = '#'): { ref: string; where: string }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => refsOf(v, `${where}/${i}`));
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) =>
    k === '$ref' && typeof v === 'string' ? [{ ref: v, where }] : refsOf(v, `${where}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`),
  );
}

/** The operation a README marker names (`POST /api/v1/ingest/dossiers`), through the document's server URL. */
export function operationOf(doc: OpenApiDocument, method: string, url: string): Json | undefined {
  const base = (doc.servers as { url: string }[])[0].url;
  const path = (url.startsWith(base) ? url.slice(base.length) : url).replace(/:(\w+)/g, '{$1}');
  return doc.paths[path]?.[method.toLowerCase()] as Json | undefined;
}

export interface ReadmeExample {
  /** 1-based line of the code block's first line. */
  line: number;
  method: string;
  url: string;
  /** `request`, `request events[]` (each value is one element of `events`), or a status code. */
  target: string;
  values: unknown[];
}

/** The marker before a fenced block (blank lines between allowed): `<!-- example: POST /api/v1/ingest/dossiers request -->`. */
const MARKER = /^<!-- example: (GET|POST|PUT) (\S+) (request(?: events\[\])?|\d{3}) -->$/;
const SKIP = /^<!-- not an API example/;

/** The JSON values of a block, one after the other (a block may hold several objects); a shell block's `-d '…'` body. */
function valuesOf(lang: string, text: string): unknown[] {
  if (lang === 'sh') {
    const m = /-d '([\s\S]*?)'/.exec(text);
    if (!m) throw new Error("a marked shell block has no -d '…' body");
    return [JSON.parse(m[1])];
  }
  const out: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') {
      if (depth++ === 0) start = i;
    } else if ((c === '}' || c === ']') && --depth === 0) out.push(JSON.parse(text.slice(start, i + 1)));
  }
  return out;
}

/** Every marked example of a README, and the lines of ```json blocks with neither a marker nor a skip note. */
export function readmeExamples(readme: string): { examples: ReadmeExample[]; unmarked: number[] } {
  const lines = readme.split('\n');
  const examples: ReadmeExample[] = [];
  const unmarked: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const fence = /^```(\w+)$/.exec(lines[i]);
    if (!fence) continue;
    const end = lines.indexOf('```', i + 1);
    // The marker is the last line before the fence that is not blank (prettier puts a blank line after a comment).
    let b = i - 1;
    while (b > 0 && lines[b].trim() === '') b--;
    const before = (lines[b] ?? '').trim();
    const m = MARKER.exec(before);
    if (m) {
      examples.push({ line: i + 2, method: m[1], url: m[2], target: m[3], values: valuesOf(fence[1], lines.slice(i + 1, end).join('\n')) });
    } else if (fence[1] === 'json' && !SKIP.test(before)) unmarked.push(i + 1);
    i = end;
  }
  return { examples, unmarked };
}

/** The schema an example is checked against, or why there is none. */
function targetSchema(doc: OpenApiDocument, ex: ReadmeExample): unknown {
  const op = operationOf(doc, ex.method, ex.url);
  if (!op) return `no operation ${ex.method} ${ex.url} in the description`;
  if (ex.target.startsWith('request')) {
    const schema = op.requestBody?.content?.['application/json']?.schema;
    if (!schema) return `${ex.method} ${ex.url} takes no JSON body`;
    if (ex.target === 'request') return schema;
    const body = (schema.$ref ? resolveRef(doc, schema.$ref) : schema) as Json;
    return body?.properties?.events?.items ?? `${ex.method} ${ex.url}'s body has no events array`;
  }
  const schema = op.responses?.[ex.target]?.content?.['application/json']?.schema;
  return schema ?? `${ex.method} ${ex.url} has no JSON answer ${ex.target}`;
}

/** What is wrong with the README's examples (empty when every one fits the description). */
export function checkReadmeExamples(readme: string, doc: OpenApiDocument): string[] {
  const validate = validatorOf(doc);
  const { examples, unmarked } = readmeExamples(readme);
  const problems = unmarked.map((line) => `line ${line}: a json block with no <!-- example: … --> or <!-- not an API example … --> marker`);
  for (const ex of examples) {
    const schema = targetSchema(doc, ex);
    if (typeof schema === 'string') {
      problems.push(`line ${ex.line}: ${schema}`);
      continue;
    }
    if (ex.values.length === 0) problems.push(`line ${ex.line}: no JSON in the block`);
    ex.values.forEach((v, i) => {
      for (const e of validate(schema, v)) problems.push(`line ${ex.line} (${ex.method} ${ex.url} ${ex.target}, value ${i + 1}): ${e}`);
    });
  }
  return problems;
}
