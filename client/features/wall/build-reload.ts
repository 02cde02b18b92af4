/**
 * An unattended wall reloads itself when the server's build changes (new client deployed), at most
 * once a minute for the same build so a server still serving the old page cannot cause a loop. Pure.
 */

export const RELOAD_GUARD_MS = 60_000;
export const RELOAD_STORAGE_KEY = 'bdtt.wallReload';

export interface LastReload {
  build: string;
  at: number;
}

export function shouldReloadForBuild(
  firstBuild: string | null,
  currentBuild: string | null,
  last: LastReload | null,
  now: number,
  guardMs = RELOAD_GUARD_MS,
): boolean {
  if (!firstBuild || !currentBuild || firstBuild === currentBuild) return false;
  if (last && last.build === currentBuild && now - last.at < guardMs) return false;
  return true;
}

export function parseLastReload(text: string | null): LastReload | null {
  if (!text) return null;
  try {
    const v = JSON.parse(text) as Partial<LastReload>;
    return typeof v.build === 'string' && typeof v.at === 'number' ? { build: v.build, at: v.at } : null;
  } catch {
    return null;
  }
}
