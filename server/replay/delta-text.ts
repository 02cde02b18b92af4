/**
 * A delta checkpoint's stored text, written as ASCII from the start (issue 16: the writer's cost on live
 * ingest). The same text as the store made of deltaToCompact (replay-delta.ts) through asciiJson
 * (replay-text.ts), character for character: the format is unchanged. That way escaped the whole text
 * with a regular expression (≈ 1,500 Vietnamese characters in 150 kB, every one a callback) after
 * JSON.stringify had made it a two-byte string. Here each part is stringified on its own and escaped only
 * when it holds a non-ASCII character (the dossier tuples never do but for odd ids), and the string
 * table's entries, the same handlers and procedures delta after delta, are escaped once and kept.
 */
import { asciiJson, encodeDossiers } from '../metrics/replay-codec.js';
import type { CheckpointState } from '../metrics/replay-state.js';
import type { DossierState } from '../domain/types.js';

const HAS_NON_ASCII = /[\u0080-\uffff]/;

/** JSON text of a value, ASCII (non-ASCII characters as \u escapes, as asciiJson writes them). */
function asciiText(value: unknown): string {
  const json = JSON.stringify(value);
  return HAS_NON_ASCII.test(json) ? asciiJson(json) : json;
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
    const changed: DossierState[] = [];
    const gone: string[] = [];
    for (const id of t.openDossiers) {
      const d = cp.openDossiers.get(id);
      if (d === undefined) gone.push(id);
      else changed.push(d);
    }
    const { s, open } = encodeDossiers(changed);
    return (
      `{"at":${JSON.stringify(cp.at)},"seq":${JSON.stringify(cp.seq)}` +
      `,"tasks":${changesText(cp.tasks, t.tasks)},"closedTasks":${changesText(cp.closedTasks, t.closedTasks)}` +
      `,"finished":${changesText(cp.finished, t.finished)},"ahead":${changesText(cp.ahead, t.ahead)}` +
      `,"s":[${s.map(stringText).join(',')}],"open":${asciiText(open)},"gone":${asciiText(gone)}}`
    );
  };
}
