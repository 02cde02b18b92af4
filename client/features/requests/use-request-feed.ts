/**
 * A live list of requests: loaded over HTTP, then kept current by `request:created` and
 * `request:updated` (merged by the pure model), and loaded again after every reconnect (events missed
 * while disconnected are not replayed).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RequestCreated, RequestListResponse, RequestUpdated, RequestView } from '../../../shared/contract/requests';
import { ApiError, isAbortError } from '../../api';
import { useConnection } from '../../realtime/connection';
import { EV } from '../../realtime/socket';
import { useSocketEvent } from '../../realtime/useSocketEvent';
import { mergeRequest } from './requests-model';

export interface RequestFeed {
  items: RequestView[];
  /** The server's unread count at the last load (the live count is recomputed from `items`). */
  loaded: boolean;
  error: ApiError | null;
  reload: () => void;
  /** Puts a request the user just changed into the list (before its event comes back). */
  apply: (r: RequestView) => void;
}

/**
 * @param load fetches the list (null: nothing to show, e.g. signed out)
 * @param belongs whether a pushed request belongs in this list
 * @param key changes when the list is another one (another unit, another user)
 */
export function useRequestFeed(
  load: ((signal: AbortSignal) => Promise<RequestListResponse>) | null,
  belongs: (r: RequestView) => boolean,
  key: string,
): RequestFeed {
  const [items, setItems] = useState<RequestView[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [nonce, setNonce] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const belongsRef = useRef(belongs);
  belongsRef.current = belongs;
  const { connects } = useConnection();

  useEffect(() => {
    const fn = loadRef.current;
    if (!fn) {
      setItems([]);
      setLoaded(false);
      return;
    }
    const ctrl = new AbortController();
    fn(ctrl.signal).then(
      (res) => {
        if (ctrl.signal.aborted) return;
        setItems(res.items);
        setLoaded(true);
        setError(null);
      },
      (e: unknown) => {
        if (ctrl.signal.aborted || isAbortError(e)) return;
        setError(e instanceof ApiError ? e : new ApiError('network', String(e), { url: '' }));
      },
    );
    return () => ctrl.abort();
  }, [key, nonce, connects, load === null]);

  const apply = useCallback((r: RequestView) => setItems((list) => mergeRequest(list, r)), []);
  const onEvent = (msg: RequestCreated | RequestUpdated) => {
    if (belongsRef.current(msg.request)) apply(msg.request);
  };
  useSocketEvent(EV.requestCreated, onEvent, load !== null);
  useSocketEvent(EV.requestUpdated, onEvent, load !== null);

  return { items, loaded, error, reload: () => setNonce((n) => n + 1), apply };
}
