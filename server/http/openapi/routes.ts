import { Router } from 'express';
import { buildOpenApiDocument, type OpenApiDocument } from './document.js';
import { OPERATIONS, REQUEST_SCHEMAS, RESPONSE_SCHEMAS, TAGS } from './operations.js';

/** The API's OpenAPI 3.1 description, `version` the build. */
export function describeApi(version: string): OpenApiDocument {
  return buildOpenApiDocument({
    version,
    operations: OPERATIONS,
    requestSchemas: REQUEST_SCHEMAS,
    responseSchemas: RESPONSE_SCHEMAS,
    tags: TAGS,
  });
}

/**
 * GET /openapi.json: the description, built once at start and public (it holds no data, only the
 * shapes the API accepts and answers). Cached for five minutes: it changes only with a new build.
 */
export function openApiRoutes(version: string): Router {
  const body = JSON.stringify(describeApi(version));
  const r = Router();
  r.get('/openapi.json', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300').type('application/json').send(body);
  });
  return r;
}
