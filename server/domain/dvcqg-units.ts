/**
 * DonViXuLy of a DVCQG record → a unit or department code of the jurisdiction. One-stop systems send
 * the code, or the agency's name in whatever spelling they have ("UBND phường Bến Thành", "Ủy ban nhân
 * dân Phường Ben Thanh", "Sở Tư pháp"): names match without diacritics, case, the "UBND" / "Ủy ban
 * nhân dân" prefix and the unit type ("phường", "xã", "đặc khu"), so only a name two units share is
 * ambiguous — and refused as such, never guessed. Pure.
 */
import type { Jurisdiction } from './types.js';

export type UnitMatch = { ok: true; code: string } | { ok: false; message: string };

/** Lower case, no diacritics (đ → d), single spaces, no punctuation. */
export function foldName(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const AGENCY_PREFIXES = ['uy ban nhan dan ', 'ubnd '];
const UNIT_TYPES = ['dac khu ', 'phuong ', 'xa '];

/** A folded name without the "UBND" prefix (the type kept: "phuong ben thanh"). */
function typedKey(s: string): string {
  let k = foldName(s);
  for (const p of AGENCY_PREFIXES) if (k.startsWith(p)) k = k.slice(p.length);
  return k;
}

/** A typed key without the unit type ("ben thanh"). */
function bareKey(s: string): string {
  let k = typedKey(s);
  for (const t of UNIT_TYPES) if (k.startsWith(t)) k = k.slice(t.length);
  return k;
}

type Index = Map<string, Set<string>>;

function addTo(index: Index, key: string, code: string): void {
  if (!key) return;
  let set = index.get(key);
  if (!set) index.set(key, (set = new Set()));
  set.add(code);
}

/**
 * A matcher over the jurisdiction's units and departments: a code as is, else a name by its key.
 * The answer's message names what was sent and why it does not resolve.
 */
export function createUnitMatcher(jurisdiction: Jurisdiction): (value: string) => UnitMatch {
  const codes = new Set<string>();
  const typed: Index = new Map();
  const bare: Index = new Map();
  const add = (name: string, code: string) => {
    addTo(typed, typedKey(name), code);
    addTo(bare, bareKey(name), code);
  };
  for (const u of jurisdiction.units) {
    codes.add(u.code);
    add(u.name, u.code);
    add(u.fullName, u.code);
  }
  for (const d of jurisdiction.departments) {
    codes.add(d.code);
    add(d.name, d.code);
  }
  return (value) => {
    const v = value.trim();
    if (codes.has(v)) return { ok: true, code: v };
    if (codes.has(v.toUpperCase())) return { ok: true, code: v.toUpperCase() };
    // "Phường X" names the ward even where a commune is also called X; a bare "X" must be unique.
    const found = typed.get(typedKey(v)) ?? bare.get(bareKey(v));
    if (!found)
      return {
        ok: false,
        message: `"${v.slice(0, 100)}" is neither the code nor the name of a unit or department of ${jurisdiction.name}`,
      };
    if (found.size > 1) {
      return { ok: false, message: `"${v.slice(0, 100)}" is ambiguous: it names ${[...found].sort().join(', ')}; send the unit's code` };
    }
    return { ok: true, code: [...found][0] };
  };
}
