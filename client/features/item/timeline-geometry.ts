/**
 * Geometry of the Gantt-like timeline strip: instants (epoch ms) in, SVG x positions out.
 * Pure, so the drawing and the numbers behind it are tested without a DOM.
 */

/** One hold of an item by one person (a lane per person). `allottedUntil` ends the allowed time. */
export interface TimeBar {
  id: string;
  /** Lane key (the handler); bars with the same key share a lane, which shows A→B→A. */
  lane: string;
  laneLabel: string;
  from: number;
  to: number;
  allottedUntil: number | null;
  /** Part of a buck-passing case (server/domain/buck-passing.ts). */
  flagged: boolean;
  /** While one case is shown: `case` for its holds, `dimmed` for the others; null otherwise. */
  highlight: 'case' | 'dimmed' | null;
}

/** A span when the clock stopped (supplement requested, paused). */
export interface TimeSpan {
  from: number;
  to: number;
}

/** `at`: the moment a replay shows (issue 16). */
export type TimeLineKind = 'due' | 'originalDue' | 'end' | 'now' | 'at';

/** A vertical line across the strip. */
export interface TimeLine {
  kind: TimeLineKind;
  at: number;
}

/** A point event above the lanes; `target` is a date it proposes (an apology's new date, an extension). */
export interface TimeMarker {
  id: string;
  kind: 'apology' | 'extension' | 'event';
  at: number;
  target: number | null;
}

/** Everything the strip shows, in instants. */
export interface TimelineModel {
  from: number;
  to: number;
  bars: TimeBar[];
  spans: TimeSpan[];
  lines: TimeLine[];
  markers: TimeMarker[];
}

/** Pixel frame of the strip (SVG user units). */
export interface TimelineFrame {
  width: number;
  /** Room for the lane labels. */
  left: number;
  right: number;
}

export interface Segment {
  x: number;
  width: number;
}

export interface PlacedBar {
  bar: TimeBar;
  laneIndex: number;
  /** The whole hold. */
  x: number;
  width: number;
  /** Within the allotted time (the whole bar when there is no allotted time). */
  within: Segment;
  /** Beyond the allotted time; null when within. */
  over: Segment | null;
}

export interface TimelineGeometry {
  frame: TimelineFrame;
  /** Lane labels in order of first appearance. */
  lanes: { key: string; label: string }[];
  bars: PlacedBar[];
  spans: (TimeSpan & Segment)[];
  lines: (TimeLine & { x: number })[];
  markers: (TimeMarker & { x: number; targetX: number | null })[];
  ticks: { at: number; x: number }[];
  /** Maps an instant to x (clamped into the frame). */
  x: (t: number) => number;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Vietnam is UTC+7 all year (no DST): ticks align to its midnights. */
const VN_OFFSET_MS = 7 * HOUR_MS;
const TICK_STEPS_MS = [
  HOUR_MS,
  3 * HOUR_MS,
  6 * HOUR_MS,
  12 * HOUR_MS,
  DAY_MS,
  2 * DAY_MS,
  7 * DAY_MS,
  14 * DAY_MS,
  28 * DAY_MS,
  91 * DAY_MS,
  364 * DAY_MS,
];
/** A strip shorter than this is stretched so bars stay visible. */
const MIN_DOMAIN_MS = HOUR_MS;

/**
 * The time range of a strip: from the first instant to the latest one (end, now, due dates, proposed
 * dates…). Nulls are ignored; a range shorter than an hour is widened to one hour.
 */
export function timelineDomain(start: number | null, instants: readonly (number | null)[]): { from: number; to: number } {
  const known = instants.filter((t): t is number => t !== null && Number.isFinite(t));
  const from = start ?? (known.length ? Math.min(...known) : 0);
  const to = Math.max(from, ...known);
  return { from, to: Math.max(to, from + MIN_DOMAIN_MS) };
}

/** Instants for axis ticks between from and to (at most `maxTicks`), on Vietnam hour/day boundaries. */
export function timeTicks(from: number, to: number, maxTicks = 8): number[] {
  const span = to - from;
  if (!(span > 0) || maxTicks < 1) return [];
  const step = TICK_STEPS_MS.find((s) => span / s <= maxTicks) ?? Math.ceil(span / maxTicks / DAY_MS) * DAY_MS;
  const first = Math.ceil((from + VN_OFFSET_MS) / step) * step - VN_OFFSET_MS;
  const ticks: number[] = [];
  for (let t = first; t <= to; t += step) ticks.push(t);
  return ticks;
}

/** The tick step the axis uses, so labels can show hours or days. */
export function tickStepMs(ticks: readonly number[]): number {
  return ticks.length >= 2 ? ticks[1] - ticks[0] : DAY_MS;
}

/**
 * Places a timeline model in a frame: x of every bar, span, line and marker, and each bar split into
 * the part within its allotted time and the part beyond it (the official's delay).
 */
export function layoutTimeline(model: TimelineModel, frame: TimelineFrame, maxTicks = 8): TimelineGeometry {
  const inner = Math.max(1, frame.width - frame.left - frame.right);
  const span = Math.max(1, model.to - model.from);
  const x = (t: number): number => {
    const clamped = Math.min(Math.max(t, model.from), model.to);
    return frame.left + ((clamped - model.from) / span) * inner;
  };
  const seg = (a: number, b: number): Segment => {
    const xa = x(a);
    return { x: xa, width: Math.max(0, x(b) - xa) };
  };

  const lanes: { key: string; label: string }[] = [];
  const laneIndex = new Map<string, number>();
  for (const bar of model.bars) {
    if (!laneIndex.has(bar.lane)) {
      laneIndex.set(bar.lane, lanes.length);
      lanes.push({ key: bar.lane, label: bar.laneLabel });
    }
  }

  const bars: PlacedBar[] = model.bars.map((bar) => {
    const to = Math.max(bar.from, bar.to);
    const whole = seg(bar.from, to);
    const limit = bar.allottedUntil;
    const overFrom = limit === null ? null : Math.max(limit, bar.from);
    const isOver = overFrom !== null && to > overFrom;
    return {
      bar,
      laneIndex: laneIndex.get(bar.lane) ?? 0,
      x: whole.x,
      width: whole.width,
      within: isOver ? seg(bar.from, overFrom) : whole,
      over: isOver ? seg(overFrom, to) : null,
    };
  });

  return {
    frame,
    lanes,
    bars,
    spans: model.spans.map((s) => ({ ...s, ...seg(s.from, Math.max(s.from, s.to)) })),
    lines: model.lines.map((l) => ({ ...l, x: x(l.at) })),
    markers: model.markers.map((m) => ({ ...m, x: x(m.at), targetX: m.target === null ? null : x(m.target) })),
    ticks: timeTicks(model.from, model.to, maxTicks).map((at) => ({ at, x: x(at) })),
    x,
  };
}
