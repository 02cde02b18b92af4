import { z } from 'zod';
import { WALL_INTERVAL_MAX_S, WALL_INTERVAL_MIN_S, WALL_SCENES, type WallScene } from './wall-types.js';

/** Preset and display names: 1–64 letters, digits, dot, dash or underscore (safe in a URL and a shell). */
export const WALL_NAME_RE = /^[A-Za-z0-9._-]{1,64}$/;

const isScene = (s: string): s is WallScene => (WALL_SCENES as readonly string[]).includes(s);

const sceneList = z
  .string({ message: 'scenes are required, e.g. map,ranking,feed' })
  .transform((s, ctx) => {
    const names = s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
    for (const n of names) {
      if (!isScene(n)) ctx.addIssue({ code: 'custom', message: `"${n}" is not a scene (${WALL_SCENES.join(', ')})` });
    }
    return names.filter(isScene);
  })
  .pipe(z.array(z.enum(WALL_SCENES)).min(1, 'at least one scene').max(20, 'at most 20 scenes'));

export const wallPresetSchema = z.object({
  name: z.string().regex(WALL_NAME_RE, 'name: 1–64 letters, digits, dot, dash or underscore'),
  scenes: sceneList,
  interval: z.coerce
    .number()
    .int('interval must be whole seconds')
    .min(WALL_INTERVAL_MIN_S, `interval must be at least ${WALL_INTERVAL_MIN_S} s`)
    .max(WALL_INTERVAL_MAX_S, `interval must be at most ${WALL_INTERVAL_MAX_S} s`),
});

export interface WallPresetInput {
  name: string;
  scenes: WallScene[];
  intervalSeconds: number;
}

/**
 * Validates a preset given as text (`--scenes map,ranking --interval 20`).
 * @returns the preset, or every problem found.
 */
export function parseWallPreset(input: {
  name?: string;
  scenes?: string;
  interval?: string | number;
}): { ok: true; preset: WallPresetInput } | { ok: false; errors: string[] } {
  const r = wallPresetSchema.safeParse(input);
  if (!r.success) return { ok: false, errors: r.error.issues.map((i) => `${i.path.join('.') || 'preset'}: ${i.message}`) };
  return { ok: true, preset: { name: r.data.name, scenes: r.data.scenes, intervalSeconds: r.data.interval } };
}
