/** The moment replayed, from the URL (`?at=…&asOf=…`): reload keeps it, a link shares it. */
import { useCallback, useMemo } from 'react';
import type { ViewParamsApi } from '../../lib/url-state';
import { parseReplayParams, toAtParam, type ReplayParams } from './replay-time';

export function useReplayParams(view: Pick<ViewParamsApi, 'searchParams' | 'set'>) {
  const { searchParams, set } = view;
  const replay = useMemo(() => parseReplayParams(searchParams), [searchParams]);
  const setReplay = useCallback(
    (next: ReplayParams | null, push: boolean) =>
      set(next === null ? { at: null, asOf: null } : { at: toAtParam(next.at), asOf: next.asOf === 'corrected' ? 'corrected' : null }, {
        replace: !push,
      }),
    [set],
  );
  return { replay, setReplay };
}
