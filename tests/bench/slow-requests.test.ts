import { describe, expect, it } from 'vitest';
import { slowRequestReport, type CpuProfile } from '../../bench/slow-requests.js';

const frame = (functionName: string, url = '') => ({ functionName, url });

/** A profile whose samples, 1 ms apart (the first at t = 1 ms), are the given leaves' ids. */
function profileOf(leaves: number[]): CpuProfile {
  return {
    nodes: [
      { id: 1, callFrame: frame('(root)'), children: [2, 3, 4, 5] },
      { id: 2, callFrame: frame('(garbage collector)') },
      { id: 3, callFrame: frame('writeHistory', 'file:///x/server/replay/history-writer.ts') },
      { id: 4, callFrame: frame('parserOnIncoming', 'node:_http_server') },
      { id: 5, callFrame: frame('(idle)') },
    ],
    startTime: 0,
    samples: leaves,
    timeDeltas: leaves.map(() => 1_000),
  };
}

describe('slow request tags', () => {
  // Three requests: 0–2 ms (fast), 3–13 ms (slow: the writer, then GC, then its own HTTP), 14–15 ms (fast).
  const client = { startUs: [0, 3_000, 14_000], endUs: [2_000, 13_000, 15_000] };
  const server = {
    arrivedUs: [100, 9_000, 14_100],
    finishedUs: [1_900, 11_000, 14_900],
    gc: [{ startUs: 7_000, endUs: 9_000 }],
  };
  const profile = profileOf([4, 4, 4, 3, 3, 3, 3, 2, 2, 4, 4, 4, 5, 5, 4, 4]);

  it('tags only the requests over the threshold, split into queued, server and client parts', () => {
    const r = slowRequestReport(client, server, undefined, 5);
    expect(r.slow).toBe(1);
    expect(r.serverMarks.aligned).toBe(true);
    expect(r.worst[0]).toMatchObject({ ms: 10, queuedMs: 6, serverMs: 2, clientMs: 2, gcMs: 2 });
    expect(r.slowAtServer).toBe(1);
  });

  it('names what ran on the main thread while a slow request was open, the largest other than its own work', () => {
    const r = slowRequestReport(client, server, profile, 5);
    expect(r.worst[0].sampled).toEqual({ 'checkpoint writer': 4, gc: 2, http: 4 });
    expect(r.byCategory['checkpoint writer']).toEqual({ ms: 4, largestIn: 1 });
    expect(r.byCategory.gc.largestIn).toBe(0);
  });

  it('leaves the server parts out when its marks do not match the requests one to one', () => {
    const r = slowRequestReport(client, { ...server, arrivedUs: server.arrivedUs.slice(1) }, undefined, 5);
    expect(r.serverMarks.aligned).toBe(false);
    expect(r.worst[0].queuedMs).toBeNull();
  });
});
