/**
 * The wall display's shared vocabulary: scene names and the shapes of its HTTP answers. The client
 * imports this file with `import type` only and restates the scene list, checked against it.
 */
import type { ScopeKey } from '../metrics/types.js';

/** Scenes a wall rotates through, in the default order. */
export const WALL_SCENES = ['map', 'ranking', 'feed', 'kpi', 'departments'] as const;
export type WallScene = (typeof WALL_SCENES)[number];

/** Seconds each scene stays on screen: bounds and default. */
export const WALL_INTERVAL_MIN_S = 3;
export const WALL_INTERVAL_MAX_S = 3600;
export const WALL_INTERVAL_DEFAULT_S = 20;

/** GET /api/v1/wall/presets/:name */
export interface WallPresetResponse {
  name: string;
  scenes: WallScene[];
  intervalSeconds: number;
  updatedAt: string;
}

/** GET /api/v1/wall/display (Authorization: Bearer <display token>): who this display is. */
export interface DisplayIdentityResponse {
  name: string;
  scope: ScopeKey;
}

/** The error code of an unknown or revoked display token (HTTP 401, and the socket's connect_error). */
export const DISPLAY_TOKEN_INVALID = 'display_token_invalid';
