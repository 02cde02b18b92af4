import { useEffect, useRef } from 'react';

/** Calls `reload` whenever `token` changes after the first render (e.g. live counts moved). */
export function useReloadOn(token: unknown, reload: () => void): void {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    reload();
  }, [token, reload]);
}
