/**
 * A whole checkpoint's compact text (replay-delta.ts checkpointToCompact), written in slices that yield
 * to the event loop (issue 16): a whole state's encode was one of the longest pieces the checkpoint
 * writer held the main thread for during a backlog. The text is the same but for its non-ASCII
 * characters, written as JSON escapes a slice at a time (db/replay-text.ts): it parses to the same value.
 */
import { asciiJson, encodeDossier, StringTable, type DossierTuple } from './replay-codec.js';
import type { CheckpointState } from './replay-state.js';

/** Items encoded per slice. */
const SLICE = 1_000;

/** `items` as a JSON array, stringified a slice at a time. */
async function arrayText<T>(items: Iterable<T>, encode: (item: T) => unknown, yieldNow: () => Promise<void>): Promise<string> {
  const parts: string[] = [];
  let slice: unknown[] = [];
  for (const item of items) {
    slice.push(encode(item));
    if (slice.length === SLICE) {
      parts.push(asciiJson(JSON.stringify(slice).slice(1, -1)));
      slice = [];
      await yieldNow();
    }
  }
  if (slice.length > 0) parts.push(asciiJson(JSON.stringify(slice).slice(1, -1)));
  return `[${parts.join(',')}]`;
}

const same = <T>(x: T) => x;

/** checkpointToCompact(cp), yielding between slices; the state must not change meanwhile. */
export async function checkpointToCompactSliced(cp: CheckpointState, yieldNow: () => Promise<void>): Promise<string> {
  const table = new StringTable();
  const open = await arrayText(cp.openDossiers.values(), (d): DossierTuple => encodeDossier(d, table), yieldNow);
  const tasks = await arrayText(cp.tasks.values(), same, yieldNow);
  const closedTasks = await arrayText(cp.closedTasks, same, yieldNow);
  const finished = await arrayText(cp.finished, same, yieldNow);
  const ahead = await arrayText(cp.ahead, same, yieldNow);
  return `{"at":${JSON.stringify(cp.at)},"seq":${JSON.stringify(cp.seq)},"s":${asciiJson(JSON.stringify(table.list))},"open":${open},"tasks":${tasks},"closedTasks":${closedTasks},"finished":${finished},"ahead":${ahead}}`;
}
