import { Router } from 'express';
import type { WallStore } from '../db/wall-store/contract.js';
import { toVnIso } from '../domain/time.js';
import { DISPLAY_TOKEN_MAX_LENGTH, hashDisplayToken } from '../wall/display-tokens.js';
import { WALL_NAME_RE } from '../wall/presets.js';
import {
  DISPLAY_TOKEN_INVALID,
  WALL_SCENES,
  type DisplayIdentityResponse,
  type WallPresetResponse,
  type WallScene,
} from '../wall/wall-types.js';
import type { WallPresetRow } from '../db/wall-repo.js';
import { HttpError } from './errors.js';

const isScene = (s: string): s is WallScene => (WALL_SCENES as readonly string[]).includes(s);

function presetBody(p: WallPresetRow): WallPresetResponse {
  // A scene name retired since the preset was saved is dropped rather than breaking the wall.
  return { name: p.name, scenes: p.scenes.filter(isScene), intervalSeconds: p.intervalSeconds, updatedAt: toVnIso(p.updatedAt) };
}

/** Wall display API under /api/v1/wall: presets (read-only; `npm run wall:preset` writes them) and a display's identity. */
export function wallRoutes(deps: { walls: Pick<WallStore, 'displays' | 'presets'> }): Router {
  const r = Router();
  r.get('/wall/presets', async (_req, res) => {
    res.set('Cache-Control', 'no-cache').json({ items: (await deps.walls.presets.list()).map(presetBody) });
  });

  r.get('/wall/presets/:name', async (req, res) => {
    const name = req.params.name;
    if (!WALL_NAME_RE.test(name))
      throw new HttpError(400, 'invalid_name', 'a preset name is 1–64 letters, digits, dot, dash or underscore');
    const p = await deps.walls.presets.get(name);
    if (!p) throw new HttpError(404, 'not_found', `no wall preset named "${name}" (create it with npm run wall:preset)`);
    res.set('Cache-Control', 'no-cache').json(presetBody(p));
  });

  r.get('/wall/display', async (req, res) => {
    const m = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
    const token = m?.[1];
    const display =
      token && token.length <= DISPLAY_TOKEN_MAX_LENGTH ? await deps.walls.displays.findActiveByTokenHash(hashDisplayToken(token)) : null;
    if (!display) {
      throw new HttpError(401, DISPLAY_TOKEN_INVALID, 'the display token is unknown or revoked; ask for a new one (npm run display:add)', {
        'WWW-Authenticate': 'Bearer',
      });
    }
    const body: DisplayIdentityResponse = { name: display.name, scope: display.scope };
    res.set('Cache-Control', 'no-store').json(body);
  });
  return r;
}
