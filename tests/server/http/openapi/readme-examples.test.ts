/**
 * The README's request and answer examples, marked `<!-- example: METHOD /api/v1/path request|events[]|200 -->`
 * on the line before their block, validated with ajv (draft 2020-12) against the API description.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeApi } from '../../../../server/http/openapi/routes.js';
import { checkReadmeExamples, readmeExamples } from '../../../helpers/openapi-check.js';

const README = readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8');
const doc = describeApi('test');

describe('README examples against the API description', () => {
  it('finds the marked examples of native ingest, DVCQG ingest and a dossier list, and every json block is marked', () => {
    const { examples, unmarked } = readmeExamples(README);
    const targets = examples.map((e) => `${e.method} ${e.url} ${e.target}`);
    expect(targets).toEqual(
      expect.arrayContaining([
        'POST /api/v1/ingest/dossiers 200',
        'POST /api/v1/ingest/dossiers request events[]',
        'POST /api/v1/ingest/dossiers request',
        'POST /api/v1/ingest/tasks request events[]',
        'POST /api/v1/ingest/dvcqg request',
        'POST /api/v1/ingest/dvcqg 200',
        'GET /api/v1/units/:code/dossiers 200',
      ]),
    );
    // The dossier events block holds one value per event type shown.
    expect(examples.find((e) => e.target === 'request events[]')?.values.length).toBeGreaterThanOrEqual(8);
    expect(unmarked).toEqual([]);
  });

  it('every marked example fits the schema of its request or answer', () => {
    expect(checkReadmeExamples(README, doc)).toEqual([]);
  });

  it('a wrong example fails: an event without its unit, a misspelt status, a list item missing a field', () => {
    const broken = README.replace('"unit": "26740",\n  "procedure"', '"procedure"')
      .replace('{ "index": 1, "id": "evt-0", "status": "duplicate" }', '{ "index": 1, "id": "evt-0", "status": "duplicated" }')
      .replace('"holderId": "79-26740-cb05",', '');
    expect(broken).not.toBe(README);
    const problems = checkReadmeExamples(broken, doc);
    expect(problems.some((p) => p.includes('request events[]') && p.includes('unit'))).toBe(true);
    expect(problems.some((p) => p.includes('ingest/dossiers 200') && p.includes('/results/1'))).toBe(true);
    expect(problems.some((p) => p.includes('dossiers 200') && p.includes('holderId'))).toBe(true);
  });

  it('a marker naming no operation, or a json block with no marker, is reported', () => {
    const unknown = README.replace(
      '<!-- example: POST /api/v1/ingest/tasks request events[] -->',
      '<!-- example: POST /api/v1/ingest/todo request events[] -->',
    );
    expect(checkReadmeExamples(unknown, doc).some((p) => p.includes('no operation POST /api/v1/ingest/todo'))).toBe(true);
    const unmarked = README.replace('<!-- example: POST /api/v1/ingest/dvcqg 200 -->\n', '');
    expect(checkReadmeExamples(unmarked, doc).some((p) => p.includes('a json block with no'))).toBe(true);
  });
});
