/**
 * Limits of the ingest wire format shared by the zod schemas (wire-schemas.ts) and their fast path
 * (fast-parse.ts), in a module without zod: the projection writer's thread parses the log with the
 * fast path alone and never loads zod (about 0.4 s of CPU at its start).
 */

/** Largest fee accepted, VND (well above any administrative fee; catches a mistyped unit). */
export const FEE_MAX = 1_000_000_000;
