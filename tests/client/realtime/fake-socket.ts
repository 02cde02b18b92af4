/** A stand-in for the page's socket in hook tests: listeners by event, fire, count. */
export function createFakeSocket() {
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  const socket = {
    connected: true,
    active: true,
    on(event: string, l: (...args: unknown[]) => void) {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(l);
      return socket;
    },
    off(event: string, l: (...args: unknown[]) => void) {
      listeners.get(event)?.delete(l);
      return socket;
    },
  };
  return {
    socket,
    fire(event: string, ...args: unknown[]) {
      for (const l of [...(listeners.get(event) ?? [])]) l(...args);
    },
    count: (event: string) => listeners.get(event)?.size ?? 0,
    /** Every listener still registered, by event (empty when all were removed). */
    remaining: () => [...listeners].filter(([, set]) => set.size > 0).map(([e, set]) => `${e}×${set.size}`),
  };
}

export const FAKE_EV = {
  scopeSubscribe: 'scope:subscribe',
  scopeUnsubscribe: 'scope:unsubscribe',
  metricsUpdated: 'metrics:updated',
  alertRaised: 'alert:raised',
  clockTicked: 'clock:ticked',
  requestCreated: 'request:created',
  requestUpdated: 'request:updated',
  historyLoadChanged: 'history-load:changed',
} as const;
