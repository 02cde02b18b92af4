/**
 * Short tile labels that are unique within a jurisdiction (pure, deterministic: the input order
 * does not matter).
 *
 * A label starts as the initials of the name's words, with their diacritics ("Tân Định" → "TĐ");
 * numbers are kept whole ("Hà Giang 2" → "HG2"). Units whose initials collide ("Bến Thành",
 * "Bình Thạnh", "Bình Tây" are all "BT") get more letters, in lower case, of the word that tells
 * them apart: "BếT", "BThạ", "BTây". Each word still starts with its capital (or a number), so two
 * units with different initials can never end up with the same label. A unit that no extension
 * within `MAX_TILE_LABEL_CHARS` tells apart gets a numeric suffix in code order.
 */

export interface TileLabelInput {
  code: string;
  /** Name without the type word ("Bến Thành", not "Phường Bến Thành"). */
  name: string;
}

/** Longest label drawn in a tile, in characters (a numeric suffix may add to it as a last resort). */
export const MAX_TILE_LABEL_CHARS = 4;

interface Word {
  /** The word's first character, capitalised; a number's digits. */
  head: string;
  /** Letters after the first, lower case, that may be added to tell units apart. */
  rest: string[];
}

const LETTER = /\p{L}/u;

function wordsOf(name: string): Word[] {
  return name
    .normalize('NFC')
    .split(/[\s\-–—,.()/]+/u)
    .map((token): Word | null => {
      if (/^\p{Nd}+$/u.test(token)) return { head: token, rest: [] };
      // Letters only: "H'Leo" → H, l, e, o.
      const letters = Array.from(token).filter((ch) => LETTER.test(ch));
      if (letters.length === 0) return null;
      return { head: letters[0].toLocaleUpperCase('vi'), rest: letters.slice(1).map((ch) => ch.toLocaleLowerCase('vi')) };
    })
    .filter((w): w is Word => w !== null);
}

const chars = (s: string): number => Array.from(s).length;

/** Every way to spread `extra` added letters over words with `room[i]` letters to spare. */
function spreads(room: readonly number[], extra: number): number[][] {
  if (room.length === 0) return extra === 0 ? [[]] : [];
  const out: number[][] = [];
  const last = room.length - 1;
  // Later words first: the last word is the one that most often tells names apart.
  for (let k = Math.min(extra, room[last]); k >= 0; k--) {
    for (const head of spreads(room.slice(0, last), extra - k)) out.push([...head, k]);
  }
  return out;
}

/**
 * A name's label candidates, shortest first: its initials, then with 1, 2, … letters added (the
 * last word's letters before earlier words'), up to `MAX_TILE_LABEL_CHARS` characters.
 */
export function labelCandidates(name: string): string[] {
  const words = wordsOf(name).slice(0, MAX_TILE_LABEL_CHARS);
  if (words.length === 0) return [name.trim().slice(0, MAX_TILE_LABEL_CHARS) || '?'];
  const base = words.map((w) => w.head).join('');
  const out = [base];
  const room = words.map((w) => w.rest.length);
  for (let extra = 1; chars(base) + extra <= MAX_TILE_LABEL_CHARS; extra++) {
    for (const spread of spreads(room, extra)) {
      out.push(words.map((w, i) => w.head + w.rest.slice(0, spread[i]).join('')).join(''));
    }
  }
  return out;
}

/**
 * Labels for the units of one jurisdiction, unique among them, each at most
 * `MAX_TILE_LABEL_CHARS` characters unless a numeric suffix was needed. Keyed by unit code.
 */
export function tileLabels(units: readonly TileLabelInput[]): Map<string, string> {
  const list = [...units].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const candidates = new Map(list.map((u) => [u.code, labelCandidates(u.name)]));
  const groups = new Map<string, TileLabelInput[]>();
  for (const u of list) {
    const base = candidates.get(u.code)![0];
    const g = groups.get(base);
    if (g) g.push(u);
    else groups.set(base, [u]);
  }

  const labels = new Map<string, string>();
  const taken = new Set<string>();
  for (const [base, group] of groups) {
    if (group.length === 1) {
      labels.set(group[0].code, base);
      taken.add(base);
      continue;
    }
    // Each member takes its shortest candidate that no other member could also have: that letter
    // is what tells it apart, so the choice does not depend on the others' choices.
    const unresolved: TileLabelInput[] = [];
    for (const u of group) {
      const others = new Set(group.filter((o) => o !== u).flatMap((o) => candidates.get(o.code)!));
      const own = candidates.get(u.code)!.find((c) => !others.has(c) && !taken.has(c));
      if (own) {
        labels.set(u.code, own);
        taken.add(own);
      } else unresolved.push(u);
    }
    // A name that is a prefix of another's ("Hải An", "Hải Anh") has no letter of its own: once the
    // others have theirs, it takes its shortest candidate that no other unresolved member shares.
    const shared = unresolved.map((u) => new Set(unresolved.filter((o) => o !== u).flatMap((o) => candidates.get(o.code)!)));
    // Still tied (same name twice, or told apart only beyond the length bound): the initials and a
    // number, in code order. A label without lower-case letters can only clash with initials.
    let n = 0;
    unresolved.forEach((u, i) => {
      let label = candidates.get(u.code)!.find((c) => !shared[i].has(c) && !taken.has(c));
      while (!label) {
        const numbered = `${base}${++n}`;
        if (!taken.has(numbered) && !groups.has(numbered)) label = numbered;
      }
      labels.set(u.code, label);
      taken.add(label);
    });
  }
  return labels;
}

/**
 * A name broken into at most `maxLines` lines of at most `maxChars` characters, at spaces (greedy),
 * or null when it does not fit that way (a word longer than a line, or too many lines).
 */
export function wrapName(name: string, maxChars: number, maxLines = 2): string[] | null {
  const lines: string[] = [];
  for (const word of name.trim().split(/\s+/u)) {
    if (chars(word) > maxChars) return null;
    const last = lines[lines.length - 1];
    if (last !== undefined && chars(last) + 1 + chars(word) <= maxChars) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines.length > 0 && lines.length <= maxLines ? lines : null;
}
