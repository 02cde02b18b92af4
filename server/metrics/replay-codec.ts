/**
 * The compact text of a time-machine checkpoint (issue 16, BENCHMARKS.md §14). Open dossiers' states
 * are most of a checkpoint; as JSON objects they repeat every key and every procedure's and handler's
 * Vietnamese name, and a cold replay spent more time decoding that UTF-8 and parsing it than folding.
 * Here a dossier is a positional array of numbers, and every string but its id is an index into the
 * checkpoint's own string table: the text is ASCII but for that table, and about a third of the size.
 * Lossless: a decoded state deep-equals the one encoded (absent optional fields stay absent).
 */
import { INDEX_FIELD_KEYS, type IndexFields } from '../domain/service-index-facts.js';
import type { DossierState, Hold, TaskState } from '../domain/types.js';

/** A checkpoint's strings, each stored once; a value is its index. */
export class StringTable {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();

  id(s: string): number;
  id(s: string | null): number | null;
  id(s: string | null): number | null {
    if (s === null) return null;
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(s);
      this.index.set(s, i);
    }
    return i;
  }
}

/** A dossier as stored: see encodeDossier for the positions. */
export type DossierTuple = (string | number | null | (number | null)[])[];

// Every field of DossierState, so that a field added there fails to compile here until the codec carries it.
const DOSSIER_FIELDS: Record<keyof DossierState, true> = {
  id: true,
  unit: true,
  procedure: true,
  channel: true,
  receivedAt: true,
  originalDueAt: true,
  dueAt: true,
  index: true,
  status: true,
  bucket: true,
  pauses: true,
  supplementRequests: true,
  supplementRuleAt: true,
  dueAtSecondRequest: true,
  apologies: true,
  endAt: true,
  endKind: true,
  returnedAt: true,
  holds: true,
  rating: true,
  complaint: true,
  lastEventAt: true,
  eventCount: true,
};
/** How many positions a dossier tuple has (one per field). */
export const DOSSIER_TUPLE_LENGTH = Object.keys(DOSSIER_FIELDS).length;

const INDEX_KEYS = INDEX_FIELD_KEYS;

/** The index fields as one base-3 number (digit 0 unknown, 1 false, 2 true); null when absent. */
export function packIndex(f: IndexFields | undefined): number | null {
  if (f === undefined) return null;
  let n = 0;
  for (let i = INDEX_KEYS.length - 1; i >= 0; i--) {
    const v = f[INDEX_KEYS[i]];
    n = n * 3 + (v === null ? 0 : v ? 2 : 1);
  }
  return n;
}

function unpackIndex(n: number): IndexFields {
  const out = {} as Record<(typeof INDEX_KEYS)[number], boolean | null>;
  for (const k of INDEX_KEYS) {
    const d = n % 3;
    out[k] = d === 0 ? null : d === 2;
    n = (n - d) / 3;
  }
  return out;
}

/**
 * Positions: 0 id, 1 unit, 2 procedure [code, name, field, legalDays], 3 channel, 4 receivedAt,
 * 5 originalDueAt, 6 dueAt, 7 index, 8 status, 9 bucket, 10 pauses [from, to]…, 11 supplementRequests,
 * 12 supplementRuleAt, 13 dueAtSecondRequest, 14 apologies [at, proposedDueAt, reason]…, 15 endAt,
 * 16 endKind, 17 returnedAt, 18 holds [handlerId, name, unit, from, to, stepDueAt]…, 19 rating,
 * 20 complaint, 21 lastEventAt, 22 eventCount. Strings are table indexes; an absent optional field is null.
 */
export function encodeDossier(d: DossierState, s: StringTable): DossierTuple {
  const p = d.procedure;
  return [
    d.id,
    s.id(d.unit),
    p === null ? null : [s.id(p.code), s.id(p.name), s.id(p.field), p.legalDays],
    s.id(d.channel),
    d.receivedAt,
    d.originalDueAt,
    d.dueAt,
    packIndex(d.index),
    s.id(d.status),
    s.id(d.bucket),
    d.pauses.flatMap((x) => [x.from, x.to]),
    d.supplementRequests,
    d.supplementRuleAt ?? null,
    d.dueAtSecondRequest ?? null,
    d.apologies.flatMap((a) => [a.at, a.proposedDueAt, s.id(a.reason)]),
    d.endAt,
    s.id(d.endKind),
    d.returnedAt,
    d.holds.flatMap((h) => [s.id(h.handlerId), s.id(h.handlerName), s.id(h.handlerUnit), h.from, h.to, h.stepDueAt]),
    s.id(d.rating),
    s.id(d.complaint),
    d.lastEventAt,
    d.eventCount,
  ];
}

function holdsOf(flat: (number | null)[], s: readonly string[]): Hold[] {
  const out: Hold[] = [];
  for (let i = 0; i < flat.length; i += 6)
    out.push({
      handlerId: s[flat[i]!],
      handlerName: s[flat[i + 1]!],
      handlerUnit: s[flat[i + 2]!],
      from: flat[i + 3]!,
      to: flat[i + 4],
      stepDueAt: flat[i + 5],
    });
  return out;
}

/** The state encodeDossier encoded, with the table's strings `s`. */
export function decodeDossier(t: DossierTuple, s: readonly string[]): DossierState {
  const str = <T extends string>(i: unknown) => (i === null ? null : (s[i as number] as T));
  const num = (i: number) => t[i] as number;
  const orNull = (i: number) => t[i] as number | null;
  const p = t[2] as number[] | null;
  const pauses = t[10] as (number | null)[];
  const apologies = t[14] as number[];
  const d: DossierState = {
    id: t[0] as string,
    unit: str(t[1]),
    procedure: p === null ? null : { code: s[p[0]], name: s[p[1]], field: s[p[2]], legalDays: p[3] },
    channel: str<NonNullable<DossierState['channel']>>(t[3]),
    receivedAt: orNull(4),
    originalDueAt: orNull(5),
    dueAt: orNull(6),
    status: s[num(8)] as DossierState['status'],
    bucket: s[num(9)] as DossierState['bucket'],
    pauses: [],
    supplementRequests: num(11),
    apologies: [],
    endAt: orNull(15),
    endKind: str<NonNullable<DossierState['endKind']>>(t[16]),
    returnedAt: orNull(17),
    holds: holdsOf(t[18] as (number | null)[], s),
    rating: str<NonNullable<DossierState['rating']>>(t[19]),
    complaint: str(t[20]),
    lastEventAt: num(21),
    eventCount: num(22),
  };
  for (let i = 0; i < pauses.length; i += 2) d.pauses.push({ from: pauses[i]!, to: pauses[i + 1] });
  for (let i = 0; i < apologies.length; i += 3)
    d.apologies.push({ at: apologies[i], proposedDueAt: apologies[i + 1], reason: s[apologies[i + 2]] });
  if (t[7] !== null) d.index = unpackIndex(num(7));
  if (t[12] !== null) d.supplementRuleAt = num(12);
  if (t[13] !== null) d.dueAtSecondRequest = num(13);
  return d;
}

/** The parts of a checkpoint the codec leaves as they are (few, or already compact). */
interface OtherParts {
  at: number;
  seq: number;
  closedTasks: [string, number | null][];
  finished: [string, number | null][];
  ahead: [string, number | null][];
}

/** A whole state's compact text: open dossiers as tuples, with their string table. */
export interface CompactWhole extends OtherParts {
  s: string[];
  open: DossierTuple[];
  tasks: TaskState[];
}

/** A delta's compact text: changed open dossiers as tuples, removed ones by id. */
export interface CompactDelta extends OtherParts {
  s: string[];
  open: DossierTuple[];
  gone: string[];
  tasks: [string, TaskState | null][];
}

/**
 * Open dossiers as tuples with a new string table. (Finished groups stay `[facts key, count]`: as arrays
 * of interned values they were a quarter smaller but, their keys rebuilt, decoded 2.5 times slower.)
 */
export function encodeDossiers(ds: Iterable<DossierState>): { s: string[]; open: DossierTuple[] } {
  const table = new StringTable();
  const open: DossierTuple[] = [];
  for (const d of ds) open.push(encodeDossier(d, table));
  return { s: table.list, open };
}

const NON_ASCII = /[\u0080-\uffff]/g;

const escape = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * JSON text (as JSON.stringify writes it) with its non-ASCII characters as \u escapes: a non-ASCII
 * character only occurs inside a JSON string, where its escape parses back to the same character (a
 * surrogate pair as two escapes). A scan of the whole text (≈ 40 ms for a 3 MB whole state here): the
 * sliced encoder (metrics/replay-sliced.ts) escapes its slices one at a time instead.
 */
export function asciiJson(json: string): string {
  return json.replace(NON_ASCII, escape);
}
