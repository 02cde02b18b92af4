/**
 * DonViXuLy of a DVCQG record → a unit or department code of the jurisdiction. One-stop systems send
 * the code, or the agency's name in whatever spelling they have ("UBND phường Bến Thành", "Ủy ban nhân
 * dân Phường Ben Thanh", "Sở Tư pháp"): names match whatever their case, "UBND" / "Ủy ban nhân dân"
 * prefix and unit type ("phường", "xã", "đặc khu"), with their diacritics first and then without
 * them; a name that still fits two units is ambiguous — and refused as such, never guessed. Pure.
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

const AGENCY_PREFIXES = [['uy', 'ban', 'nhan', 'dan'], ['ubnd']];
const UNIT_TYPES = [['dac', 'khu'], ['phuong'], ['xa']];

/** How many leading words form one of the prefixes (compared folded). */
function prefixLength(folded: readonly string[], from: number, prefixes: readonly string[][]): number {
  for (const p of prefixes) if (p.every((w, i) => folded[from + i] === w)) return p.length;
  return 0;
}

/**
 * A name's keys: without the "UBND" prefix, with the unit type ("phường bến thành") and without it
 * ("bến thành"); each exact (diacritics kept, lower case) and folded (no diacritics).
 */
function keysOf(name: string): { typed: string; bare: string; typedFolded: string; bareFolded: string } {
  const exact = name
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  const folded = exact.map(foldName);
  const a = prefixLength(folded, 0, AGENCY_PREFIXES);
  const b = a + prefixLength(folded, a, UNIT_TYPES);
  return {
    typed: exact.slice(a).join(' '),
    bare: exact.slice(b).join(' '),
    typedFolded: folded.slice(a).join(' '),
    bareFolded: folded.slice(b).join(' '),
  };
}

type Index = Map<string, Set<string>>;
type KeyKind = keyof ReturnType<typeof keysOf>;
/** Tried in this order: the exact name first, so that "Xã Thạnh An" is not "Xã Thanh An". */
const KEY_ORDER: KeyKind[] = ['typed', 'bare', 'typedFolded', 'bareFolded'];
const FOLDED_KEYS: KeyKind[] = ['typedFolded', 'bareFolded'];

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
  const indexes = new Map<KeyKind, Index>(KEY_ORDER.map((k) => [k, new Map()]));
  const add = (name: string, code: string) => {
    const keys = keysOf(name);
    for (const k of KEY_ORDER) addTo(indexes.get(k)!, keys[k], code);
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
    // "Phường X" names the ward even where a commune is also called X; a bare "X" must be unique;
    // a name without diacritics is matched last, and may then be ambiguous ("Thanh An", "Thạnh An").
    // A name sent without any diacritics says nothing by its lack of them: only the folded keys apply.
    const keys = keysOf(v);
    const order = /[^\x20-\x7e]/.test(v) ? KEY_ORDER : FOLDED_KEYS;
    let found: Set<string> | undefined;
    for (const k of order) if (!found) found = indexes.get(k)!.get(keys[k]);
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
