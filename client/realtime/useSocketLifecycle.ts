/**
 * The socket's lifecycle, for features to subscribe to: client/realtime owns the socket (connect,
 * reconnect, handshake credentials); a feature only says what to do when the server ends or refuses
 * it, and asks for the socket back with `resumeSocket`.
 */
import { useEffect, useRef } from 'react';
import { getSocket, resumeSocket } from './socket';

export interface SocketLifecycleHandlers {
  /**
   * The server ended the socket (the session expired or was ended, the display was revoked). Socket.IO
   * does not reconnect by itself after that: call `resumeSocket` when the credentials are settled.
   */
  onServerDisconnect?: () => void;
  /** The server refused the handshake with this code (e.g. `display_token_invalid`); network errors are retried by Socket.IO and never land here. */
  onRefused?: (code: string) => void;
}

/**
 * Calls the handlers on the page's socket lifecycle while mounted (and `enabled`); removes its
 * listeners on cleanup. The handlers may change on every render: the latest ones are called.
 */
export function useSocketLifecycle(handlers: SocketLifecycleHandlers, enabled = true): void {
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    if (!enabled) return;
    const s = getSocket();
    const onDisconnect = (reason: string): void => {
      if (reason === 'io server disconnect') ref.current.onServerDisconnect?.();
    };
    const onConnectError = (err: Error & { data?: { code?: string } }): void => {
      const code = err.data?.code;
      if (code) ref.current.onRefused?.(code);
    };
    s.on('disconnect', onDisconnect);
    s.on('connect_error', onConnectError);
    return () => {
      s.off('disconnect', onDisconnect);
      s.off('connect_error', onConnectError);
    };
  }, [enabled]);
}

/**
 * When the server ends the socket, learns who we are now (`refresh`, e.g. the session) and
 * reconnects as that (often: the public).
 */
export function useResumeAfterServerDisconnect(refresh: () => Promise<unknown>): void {
  useSocketLifecycle({ onServerDisconnect: () => void refresh().then(resumeSocket) });
}
