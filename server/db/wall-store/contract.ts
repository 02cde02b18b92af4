/**
 * Wall displays (their tokens' hashes, scopes, revocation, last sighting) and wall presets,
 * engine-neutral and asynchronous (issue 17, slice 3). Two engines: SQLite (the repositories wrapped,
 * sqlite-wall-store.ts) and PostgreSQL (pg-wall-store.ts); tests/server/db/wall-store.shared.ts proves
 * they answer alike.
 */
import type { Async } from '../access-store/contract.js';
import type { DisplayRow, DisplaysRepo, WallPresetRow, WallPresetsRepo } from '../wall-repo.js';

export type { DisplayRow, WallPresetRow };

export const DISPLAY_METHODS = [
  'create',
  'findActiveByTokenHash',
  'findByName',
  'list',
  'activeIds',
  'revoke',
  'markSeen',
] as const satisfies readonly (keyof DisplaysRepo)[];
export const PRESET_METHODS = ['save', 'get', 'list', 'remove'] as const satisfies readonly (keyof WallPresetsRepo)[];

/**
 * Displays by name. `create` throws when an active display has the name and gives a revoked one a new
 * token and scope; a revoked token is not found by its hash.
 */
export type DisplaysStore = Async<Pick<DisplaysRepo, (typeof DISPLAY_METHODS)[number]>>;
/** Named presets (scenes in order, interval), listed by name; `save` creates or replaces. */
export type WallPresetsStore = Async<Pick<WallPresetsRepo, (typeof PRESET_METHODS)[number]>>;

export interface WallStore {
  readonly engine: 'sqlite' | 'postgres';
  displays: DisplaysStore;
  presets: WallPresetsStore;
  close(): Promise<void>;
}
