/**
 * A delta checkpoint's stored text, written as ASCII from the start (issue 16: the writer's cost on live
 * ingest). The same text as the store made of deltaToCompact (replay-delta.ts) through asciiJson
 * (replay-text.ts), character for character: the format is unchanged. That way escaped the whole text
 * with a regular expression (≈ 1,500 Vietnamese characters in 150 kB, every one a callback) after
 * JSON.stringify had made it a two-byte string. Here each part is stringified on its own and escaped only
 * when it holds a non-ASCII character (the dossier tuples never do but for odd ids), and the string
 * table's entries, the same handlers and procedures delta after delta, are escaped once and kept. The
 * changed dossiers, most of a delta, are written as text directly, not as tuples then stringified.
 */
import { asciiJson, packIndex, StringTable } from '../metrics/replay-codec.js';
import type { CheckpointState } from '../metrics/replay-state.js';
import type { DossierState } from '../domain/types.js';

const HAS_NON_ASCII = /[\u0080-\uffff]/;

/** JSON text of a value, ASCII (non-ASCII characters as \u escapes, as asciiJson writes them). */
function asciiText(value: unknown): string {
  const json = JSON.stringify(value);
  return HAS_NON_ASCII.test(json) ? asciiJson(json) : json;
}

/** A number as JSON writes it (null, undefined and non-finite numbers as null). */
const n = (x: number | null | undefined): string => (x === null || x === undefined || !Number.isFinite(x) ? 'null' : `${x}`);

/**
 * JSON.stringify(encodeDossier(d, s)) (replay-codec.ts), written as text without the tuple: the table's
 * entries taken in the same order, so the same indexes. A field added to DossierState makes encodeDossier
 * fail to compile until it carries it; here, the delta text test fails until this writes it too.
 */
export function dossierTupleText(d: DossierState, s: StringTable): string {
  const p = d.procedure;
  const unit = n(s.id(d.unit));
  const procedure = p === null ? 'null' : `[${n(s.id(p.code))},${n(s.id(p.name))},${n(s.id(p.field))},${n(p.legalDays)}]`;
  const channel = n(s.id(d.channel));
  const status = n(s.id(d.status));
  const bucket = n(s.id(d.bucket));
  let pauses = '';
  for (const x of d.pauses) pauses += `${pauses === '' ? '' : ','}${n(x.from)},${n(x.to)}`;
  let apologies = '';
  for (const a of d.apologies) apologies += `${apologies === '' ? '' : ','}${n(a.at)},${n(a.proposedDueAt)},${n(s.id(a.reason))}`;
  const endKind = n(s.id(d.endKind));
  let holds = '';
  for (const h of d.holds)
    holds += `${holds === '' ? '' : ','}${n(s.id(h.handlerId))},${n(s.id(h.handlerName))},${n(s.id(h.handlerUnit))},${n(h.from)},${n(h.to)},${n(h.stepDueAt)}`;
  const rating = n(s.id(d.rating));
  const complaint = n(s.id(d.complaint));
  return (
    `[${JSON.stringify(d.id)},${unit},${procedure},${channel},${n(d.receivedAt)},${n(d.originalDueAt)},${n(d.dueAt)},` +
    `${n(packIndex(d.index))},${status},${bucket},[${pauses}],${n(d.supplementRequests)},${n(d.supplementRuleAt)},` +
    `${n(d.dueAtSecondRequest)},[${apologies}],${n(d.endAt)},${endKind},${n(d.returnedAt)},[${holds}],${rating},${complaint},` +
    `${n(d.lastEventAt)},${n(d.eventCount)}]`
  );
}

/** Escaped JSON strings of the string tables' entries; cleared when it holds this many. */
const MAX_KEPT = 20_000;

export function createDeltaText() {
  const kept = new Map<string, string>();

  function stringText(s: string): string {
    let t = kept.get(s);
    if (t === undefined) {
      t = asciiText(s);
      if (kept.size >= MAX_KEPT) kept.clear();
      kept.set(s, t);
    }
    return t;
  }

  function changesText<V>(m: Map<string, V>, keys: Set<string>): string {
    const out: [string, V | null][] = [];
    for (const k of keys) out.push([k, m.get(k) ?? null]);
    return asciiText(out);
  }

  /** asciiJson(deltaToCompact(cp)), character for character. */
  return function deltaText(cp: CheckpointState): string {
    const t = cp.touched;
    const table = new StringTable();
    const open: string[] = [];
    const gone: string[] = [];
    for (const id of t.openDossiers) {
      const d = cp.openDossiers.get(id);
      if (d === undefined) gone.push(id);
      else open.push(dossierTupleText(d, table));
    }
    const openText = `[${open.join(',')}]`;
    return (
      `{"at":${JSON.stringify(cp.at)},"seq":${JSON.stringify(cp.seq)}` +
      `,"tasks":${changesText(cp.tasks, t.tasks)},"closedTasks":${changesText(cp.closedTasks, t.closedTasks)}` +
      `,"finished":${changesText(cp.finished, t.finished)},"ahead":${changesText(cp.ahead, t.ahead)}` +
      `,"s":[${table.list.map(stringText).join(',')}],"open":${HAS_NON_ASCII.test(openText) ? asciiJson(openText) : openText}` +
      `,"gone":${asciiText(gone)}}`
    );
  };
}
