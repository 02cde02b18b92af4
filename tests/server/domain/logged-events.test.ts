/**
 * The log's parser without zod: this file never imports wire-schemas.ts, as the projection writer's
 * thread does not, so the schemas are not loaded until loadWireSchemas is called.
 */
import { describe, expect, it } from 'vitest';
import { loadWireSchemas, parseLoggedDossierEvent, WireSchemasNotLoaded } from '../../../server/domain/logged-events.js';

const processed = { id: 'e1', type: 'processed', dossierId: 'D1', at: '2026-12-04T10:00:00+07:00' };

describe('parsing logged events on a thread without the wire schemas', () => {
  it('parses a well-formed payload with the fast path alone', () => {
    expect(parseLoggedDossierEvent(JSON.stringify(processed))).toEqual({ ...processed, at: Date.parse(processed.at) });
  });

  it('asks for the schemas for a payload the fast path does not recognise, then lets zod decide once they are loaded', async () => {
    const odd = JSON.stringify({ ...processed, type: 'not_a_type' });
    expect(() => parseLoggedDossierEvent(odd)).toThrow(WireSchemasNotLoaded);
    await loadWireSchemas();
    expect(() => parseLoggedDossierEvent(odd)).toThrow(/invalid|not_a_type|discriminator/i);
    expect(() => parseLoggedDossierEvent(odd)).not.toThrow(WireSchemasNotLoaded);
  });
});
