/**
 * Typed listener on the page's socket, removed on cleanup. The handler may change on every
 * render: the latest one is called, without re-registering.
 */
import { useEffect, useRef } from 'react';
import type { ServerToClientEvents } from '../../shared/contract/events';
import { getSocket } from './socket';

export type ServerEventName = keyof ServerToClientEvents;

export function useSocketEvent<E extends ServerEventName>(event: E, handler: ServerToClientEvents[E], enabled = true): void {
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => {
    if (!enabled) return;
    const s = getSocket();
    const listener = ((...args: Parameters<ServerToClientEvents[E]>) =>
      (ref.current as (...a: Parameters<ServerToClientEvents[E]>) => void)(...args)) as ServerToClientEvents[E];
    // Socket.IO's typed on/off are hard to call with a generic event name; the listener's type
    // is already tied to `event` by this hook's signature.
    (s as unknown as { on: (e: string, l: unknown) => void }).on(event, listener);
    return () => {
      (s as unknown as { off: (e: string, l: unknown) => void }).off(event, listener);
    };
  }, [event, enabled]);
}
