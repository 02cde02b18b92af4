import { describe, expect, it } from 'vitest';
import { layoutTimeline, timelineDomain, timeTicks } from '../../../client/features/item/timeline-geometry';
import type { TimelineModel } from '../../../client/features/item/timeline-geometry';

const H = 3_600_000;
const D = 24 * H;
const T0 = Date.parse('2025-11-03T00:00:00+07:00');
const FRAME = { width: 1100, left: 100, right: 0 }; // 1,000 units of axis

function model(over: Partial<TimelineModel> = {}): TimelineModel {
  return { from: T0, to: T0 + 10 * D, bars: [], spans: [], lines: [], markers: [], ...over };
}

describe('layoutTimeline', () => {
  it('maps instants linearly onto the frame and clamps outside the domain', () => {
    const g = layoutTimeline(model(), FRAME);
    expect(g.x(T0)).toBe(100);
    expect(g.x(T0 + 5 * D)).toBe(600);
    expect(g.x(T0 + 10 * D)).toBe(1100);
    expect(g.x(T0 - D)).toBe(100);
    expect(g.x(T0 + 20 * D)).toBe(1100);
  });

  it('splits a hold past its allotted time into a within part and an over part', () => {
    const g = layoutTimeline(
      model({
        bars: [
          {
            id: 'h1',
            lane: 'a',
            laneLabel: 'A',
            from: T0 + 1 * D,
            to: T0 + 6 * D,
            allottedUntil: T0 + 3 * D,
            flagged: false,
            highlight: null,
          },
        ],
      }),
      FRAME,
    );
    const [bar] = g.bars;
    expect(bar.x).toBe(200);
    expect(bar.width).toBe(500);
    expect(bar.within).toEqual({ x: 200, width: 200 });
    expect(bar.over).toEqual({ x: 400, width: 300 });
  });

  it('has no over part for a hold within its allotted time or without one', () => {
    const g = layoutTimeline(
      model({
        bars: [
          { id: 'in', lane: 'a', laneLabel: 'A', from: T0, to: T0 + 2 * D, allottedUntil: T0 + 3 * D, flagged: false, highlight: null },
          { id: 'none', lane: 'b', laneLabel: 'B', from: T0 + 2 * D, to: T0 + 4 * D, allottedUntil: null, flagged: false, highlight: null },
        ],
      }),
      FRAME,
    );
    expect(g.bars[0].over).toBeNull();
    expect(g.bars[0].within).toEqual({ x: 100, width: 200 });
    expect(g.bars[1].over).toBeNull();
    expect(g.bars[1].within).toEqual({ x: 300, width: 200 });
  });

  it('counts the whole hold as over when the step was already late at hand-over', () => {
    const g = layoutTimeline(
      model({
        bars: [
          {
            id: 'h',
            lane: 'a',
            laneLabel: 'A',
            from: T0 + 4 * D,
            to: T0 + 5 * D,
            allottedUntil: T0 + 2 * D,
            flagged: false,
            highlight: null,
          },
        ],
      }),
      FRAME,
    );
    expect(g.bars[0].within.width).toBe(0);
    expect(g.bars[0].over).toEqual({ x: 500, width: 100 });
  });

  it('gives each holder one lane, so A→B→A shows two bars on A’s lane', () => {
    const bar = (id: string, lane: string, d: number) => ({
      id,
      lane,
      laneLabel: lane.toUpperCase(),
      from: T0 + d * D,
      to: T0 + (d + 1) * D,
      allottedUntil: null,
      flagged: false,
      highlight: null,
    });
    const g = layoutTimeline(model({ bars: [bar('1', 'a', 0), bar('2', 'b', 1), bar('3', 'a', 2)] }), FRAME);
    expect(g.lanes.map((l) => l.key)).toEqual(['a', 'b']);
    expect(g.bars.map((b) => b.laneIndex)).toEqual([0, 1, 0]);
  });

  it('places pauses, due lines and apology markers with their proposed date', () => {
    const g = layoutTimeline(
      model({
        spans: [{ from: T0 + 2 * D, to: T0 + 4 * D }],
        lines: [
          { kind: 'originalDue', at: T0 + 3 * D },
          { kind: 'due', at: T0 + 5 * D },
        ],
        markers: [{ id: 'ap', kind: 'apology', at: T0 + 6 * D, target: T0 + 9 * D }],
      }),
      FRAME,
    );
    expect(g.spans[0]).toMatchObject({ x: 300, width: 200 });
    expect(g.lines.map((l) => [l.kind, l.x])).toEqual([
      ['originalDue', 400],
      ['due', 600],
    ]);
    expect(g.markers[0]).toMatchObject({ x: 700, targetX: 1000 });
  });
});

describe('timelineDomain', () => {
  it('runs from the start to the latest known instant, ignoring nulls', () => {
    expect(timelineDomain(T0, [T0 + D, null, T0 + 3 * D])).toEqual({ from: T0, to: T0 + 3 * D });
  });

  it('widens an empty range to one hour', () => {
    expect(timelineDomain(T0, [])).toEqual({ from: T0, to: T0 + H });
  });
});

describe('timeTicks', () => {
  it('puts day ticks on Vietnam midnights', () => {
    const ticks = timeTicks(T0 + 5 * H, T0 + 5 * D, 8);
    expect(ticks[0]).toBe(T0 + D);
    expect(ticks.every((t) => (t - T0) % D === 0)).toBe(true);
    expect(ticks.length).toBeLessThanOrEqual(8);
  });

  it('uses hours for a short range', () => {
    const ticks = timeTicks(T0 + 8 * H, T0 + 12 * H, 8);
    expect(ticks[1] - ticks[0]).toBe(H);
  });
});
