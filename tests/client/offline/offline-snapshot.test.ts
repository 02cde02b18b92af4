import { afterEach, describe, expect, it } from 'vitest';
import { formatOfflineTime } from '../../../client/offline/offline-time';
import { getOfflineSnapshot, noteAnswer, noteReconnected, onBackOnline } from '../../../client/offline/offline-state';
import { isSnapshotRequest, OFFLINE_SNAPSHOT_HEADER } from '../../../client/offline/snapshot-rules';

const fromCache = (date: string) => new Headers({ [OFFLINE_SNAPSHOT_HEADER]: date });
const fromNetwork = () => new Headers({ Date: new Date().toUTCString() });

afterEach(() => noteReconnected());

describe('what the service worker keeps for offline reading', () => {
  it('keeps a browser user’s read-API GETs, including who is signed in', () => {
    expect(isSnapshotRequest('/api/v1/overview', 'GET', false)).toBe(true);
    expect(isSnapshotRequest('/api/v1/units/26734/dossiers', 'GET', false)).toBe(true);
    expect(isSnapshotRequest('/api/v1/auth/me', 'GET', false)).toBe(true);
  });

  it('never keeps a wall display’s calls, writes, exports, login/logout, administration or monitoring', () => {
    expect(isSnapshotRequest('/api/v1/overview', 'GET', true)).toBe(false);
    expect(isSnapshotRequest('/api/v1/reminders', 'POST', false)).toBe(false);
    expect(isSnapshotRequest('/api/v1/exports/dossiers', 'GET', false)).toBe(false);
    expect(isSnapshotRequest('/api/v1/auth/logout', 'GET', false)).toBe(false);
    expect(isSnapshotRequest('/api/v1/admin/users', 'GET', false)).toBe(false);
    expect(isSnapshotRequest('/api/v1/audit', 'GET', false)).toBe(false);
    expect(isSnapshotRequest('/api/v1/health', 'GET', false)).toBe(false);
    expect(isSnapshotRequest('/assets/index.js', 'GET', false)).toBe(false);
  });
});

describe('the offline banner’s state', () => {
  it('turns offline on an answer from the snapshot, dated by the oldest figures on screen', () => {
    noteAnswer(fromCache('Sun, 06 Dec 2026 03:10:00 GMT'));
    noteAnswer(fromCache('Sun, 06 Dec 2026 02:55:00 GMT'));
    noteAnswer(fromCache('Sun, 06 Dec 2026 03:20:00 GMT'));
    expect(getOfflineSnapshot()).toEqual({ offline: true, asOf: Date.parse('2026-12-06T02:55:00Z') });
  });

  it('goes live again on an answer from the network', () => {
    noteAnswer(fromCache('Sun, 06 Dec 2026 03:10:00 GMT'));
    noteAnswer(fromNetwork());
    expect(getOfflineSnapshot()).toEqual({ offline: false, asOf: null });
  });

  it('asks every view to fetch again when the live connection comes back, once', () => {
    let refetches = 0;
    const off = onBackOnline(() => refetches++);
    noteAnswer(fromCache('Sun, 06 Dec 2026 03:10:00 GMT'));
    noteReconnected();
    noteReconnected();
    off();
    expect(refetches).toBe(1);
    expect(getOfflineSnapshot().offline).toBe(false);
  });

  it('says the snapshot time as HH:MM dd/MM in Vietnam time, even across midnight UTC', () => {
    expect(formatOfflineTime(Date.parse('2026-12-06T02:55:00Z'))).toBe('09:55 06/12');
    expect(formatOfflineTime(Date.parse('2026-12-31T18:30:00Z'))).toBe('01:30 01/01');
    expect(formatOfflineTime(null)).toBe('—');
  });
});

describe('coming back from the snapshot', () => {
  it('refetches every view when the first network answer arrives, so no cached figure stays on screen', () => {
    let refetches = 0;
    const off = onBackOnline(() => refetches++);
    noteAnswer(fromCache('Sun, 06 Dec 2026 03:10:00 GMT'));
    noteAnswer(fromNetwork());
    noteReconnected();
    off();
    expect(refetches).toBe(1);
  });
});
