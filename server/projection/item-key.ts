/** The key of an item in per-item maps of the ingest path and the projection writer: `d:` or `t:` + its id. */
export function itemKey(kind: 'dossier' | 'task', id: string): string {
  return `${kind === 'dossier' ? 'd' : 't'}:${id}`;
}
