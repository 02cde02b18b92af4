/** The moment asked for in the URL, for a view that replays (the overview, the unit page, the wall): signed-in users only (it costs the live server); the public view stays live. */
import { useSession } from '../auth/session';
import { useAnnounceReplay } from './replay-active';
import { toAtParam } from './replay-time';
import { useReplayParams } from './useReplayParams';

export function useSignedInReplay(view: Parameters<typeof useReplayParams>[0]) {
  const signedIn = useSession().me.authenticated;
  const asked = useReplayParams(view);
  const replay = signedIn ? asked.replay : null;
  useAnnounceReplay(replay?.at ?? null);
  // The REST reads' parameters (`at` in the URL's form): a stable value for effect dependencies.
  const query = replay === null ? undefined : { at: toAtParam(replay.at), asOf: replay.asOf };
  return { signedIn, replay, setReplay: asked.setReplay, query, key: query ? `${query.at}|${query.asOf}` : '' };
}
