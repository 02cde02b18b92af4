/** Who is looking at requests (from the session) and the server's clock their states are judged by. */
import { useMemo } from 'react';
import { parseVnInstant } from '../../../shared/datetime';
import { useConnection } from '../../realtime/connection';
import { useSession } from '../auth/session';
import type { Viewer } from './requests-model';

/** The signed-in viewer, or null for the public, displays and admins (who read no requests). */
export function useViewer(): Viewer | null {
  const { me } = useSession();
  const user = me.user;
  const caps = me.capabilities;
  return useMemo(() => {
    if (!user) return null;
    const subjects = caps.requestSubjects ?? [];
    if (!caps.readReminders && subjects.length === 0) return null;
    const scope = caps.home;
    const unit = scope && scope !== 'city' ? scope.slice(scope.indexOf(':') + 1) : null;
    return { username: user.username, unit, answers: caps.acknowledgeReminders, sends: subjects.length > 0 };
  }, [user, caps]);
}

/**
 * The server's clock (epoch ms) from its clock ticks, so a request turns overdue on screen when the
 * server's time passes its due date (the demo city's clock may differ from the browser's); the browser's
 * clock until the first tick.
 */
export function useServerNow(): number {
  const conn = useConnection();
  return (conn.lastTick && parseVnInstant(conn.lastTick.now)) ?? Date.now();
}
