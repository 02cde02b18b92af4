/**
 * The Gantt-like strip: a time axis, one lane per holder with a bar per hold (the part past the
 * allotted time in the warning colour), hatched pauses, due/original-due/end/now lines, and
 * apology/extension markers pointing at the date they propose. Drawn in SVG user units and scaled
 * to the container's width. The accessible equivalent is the event list below it.
 */
import { useId, useLayoutEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTick } from '../unit/datetime';
import { layoutTimeline, tickStepMs } from './timeline-geometry';
import type { PlacedBar, TimeBar, TimeLineKind, TimeMarker, TimelineGeometry, TimelineModel } from './timeline-geometry';

/** SVG user units; the drawing scales to the container's width. */
export const STRIP_WIDTH = 960;
const LANE_LABEL_WIDTH = 180;
const RIGHT_PAD = 24;
const TOP_BAND = 44;
const LANE_HEIGHT = 32;
const BAR_HEIGHT = 18;
const AXIS_HEIGHT = 28;

/** Colours with ≥ 3:1 contrast on white (graphics) and ≥ 4.5:1 for text; overridable by CSS variables. */
const COLOR = {
  within: 'var(--tl-within, #2f6fb5)',
  over: 'var(--tl-over, #b3261e)',
  due: 'var(--tl-due, #b3261e)',
  originalDue: 'var(--tl-original-due, #5f6368)',
  end: 'var(--tl-end, #1f2937)',
  now: 'var(--tl-now, #1d4ed8)',
  at: 'var(--replay, #6d28d9)',
  marker: 'var(--tl-marker, #7c3aed)',
  pause: 'var(--tl-pause, #6b7280)',
  /** The buck-passing case being shown (≥ 3:1 on white). */
  caseMark: 'var(--tl-case, #c2410c)',
  text: 'var(--tl-text, #1f2937)',
  grid: 'var(--tl-grid, #d0d5dd)',
} as const;

const LINE_DASH: Record<TimeLineKind, string | undefined> = {
  due: undefined,
  originalDue: '6 4',
  end: undefined,
  now: '2 3',
  at: undefined,
};

const MARKER_LABEL: Record<TimeMarker['kind'], string> = {
  apology: 'timeline.apology',
  extension: 'timeline.extension',
  event: 'timeline.progress',
};

export interface BarText {
  /** Short text drawn next to the bar ("3,5/2 ngày"). */
  label: string;
  /** Full description (tooltip and screen readers). */
  title: string;
}

export interface TimelineStripProps {
  model: TimelineModel;
  /** Accessible name of the drawing. */
  label: string;
  barText: (bar: TimeBar) => BarText;
  /** Overrides the label of a vertical line (a task's "due" is its deadline). */
  lineLabel?: (kind: TimeLineKind) => string | undefined;
  testId?: string;
}

/** `tl-bar`, plus `tl-flagged` for a hold in a buck-passing case and `tl-case` / `tl-dimmed` while one case is shown. */
function barClass(bar: TimeBar): string {
  let c = 'tl-bar';
  if (bar.flagged) c += ' tl-flagged';
  if (bar.highlight === 'case') c += ' tl-case';
  else if (bar.highlight === 'dimmed') c += ' tl-dimmed';
  return c;
}

/**
 * Where a strip that scrolls inside its frame (a phone) starts: the moment being replayed in view, about
 * two thirds across so the story leading to it shows too; 0 when there is none or nothing scrolls.
 */
export function initialScrollLeft(atX: number | null, scrollWidth: number, clientWidth: number): number {
  if (atX === null || scrollWidth <= clientWidth) return 0;
  const px = (atX / STRIP_WIDTH) * scrollWidth;
  return Math.round(Math.min(scrollWidth - clientWidth, Math.max(0, px - clientWidth * (2 / 3))));
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function TimelineStrip({ model, label, barText, lineLabel, testId }: TimelineStripProps) {
  const { t } = useTranslation('item');
  const rawId = useId();
  const uid = rawId.replace(/[^a-zA-Z0-9_-]/g, '');
  const geo = useMemo(() => layoutTimeline(model, { width: STRIP_WIDTH, left: LANE_LABEL_WIDTH, right: RIGHT_PAD }), [model]);
  const laneCount = Math.max(1, geo.lanes.length);
  const lanesBottom = TOP_BAND + laneCount * LANE_HEIGHT;
  const height = lanesBottom + AXIS_HEIGHT;
  const hatchId = `tl-hatch-${uid}`;
  const titleId = `tl-title-${uid}`;
  const descId = `tl-desc-${uid}`;
  const fmtEdge = (ms: number) => formatTick(ms, 24 * 3_600_000);
  const frame = useRef<HTMLDivElement>(null);
  const atX = geo.lines.find((l) => l.kind === 'at')?.x ?? null;
  // On a phone the strip scrolls inside its frame: bring "Lúc xem lại" into view rather than leave it off to the right.
  // Again when the frame's width changes (a phone turned, a window narrowed).
  useLayoutEffect(() => {
    const el = frame.current;
    if (!el) return;
    const place = () => (el.scrollLeft = initialScrollLeft(atX, el.scrollWidth, el.clientWidth));
    place();
    if (typeof ResizeObserver === 'undefined') return;
    let width = el.clientWidth;
    const watch = new ResizeObserver(() => {
      if (el.clientWidth !== width) place();
      width = el.clientWidth;
    });
    watch.observe(el);
    return () => watch.disconnect();
  }, [atX]);

  return (
    <div className="tl-strip" data-testid={testId}>
      <div className="tl-strip__scroll" ref={frame}>
        <svg
          viewBox={`0 0 ${STRIP_WIDTH} ${height}`}
          width="100%"
          role="img"
          aria-labelledby={`${titleId} ${descId}`}
          preserveAspectRatio="xMinYMin meet"
        >
          <title id={titleId}>{label}</title>
          <desc id={descId}>{t('timeline.chartDesc', { from: fmtEdge(model.from), to: fmtEdge(model.to) })}</desc>
          <defs>
            <pattern id={hatchId} patternUnits="userSpaceOnUse" width="8" height="8" patternTransform="rotate(45)">
              <rect width="8" height="8" fill="#ffffff" fillOpacity="0.6" />
              <line x1="0" y1="0" x2="0" y2="8" stroke={COLOR.pause} strokeWidth="3" />
            </pattern>
          </defs>
          <LanesAndGrid geo={geo} lanesBottom={lanesBottom} />
          <Pauses geo={geo} lanesBottom={lanesBottom} hatchId={hatchId} />

          {/* Holds */}
          {geo.bars.map((b) => (
            <HoldBar key={b.bar.id} b={b} y={TOP_BAND + b.laneIndex * LANE_HEIGHT + (LANE_HEIGHT - BAR_HEIGHT) / 2} text={barText(b.bar)} />
          ))}
          <VerticalLines geo={geo} lanesBottom={lanesBottom} lineLabel={lineLabel} />
          <Markers geo={geo} />
        </svg>
      </div>
      <Legend model={model} geo={geo} />
    </div>
  );
}

/** One lane per holder (alternating fill, its name on the left), and the time axis's grid lines and ticks. */
function LanesAndGrid({ geo, lanesBottom }: { geo: TimelineGeometry; lanesBottom: number }) {
  const lanesTop = TOP_BAND;
  const step = tickStepMs(geo.ticks.map((k) => k.at));
  return (
    <>
      {geo.lanes.map((lane, i) => (
        <g key={lane.key} className="tl-lane">
          <rect
            x={LANE_LABEL_WIDTH}
            y={lanesTop + i * LANE_HEIGHT}
            width={STRIP_WIDTH - LANE_LABEL_WIDTH - RIGHT_PAD}
            height={LANE_HEIGHT}
            fill={i % 2 ? '#f6f7f9' : '#ffffff'}
          />
          <text x={8} y={lanesTop + i * LANE_HEIGHT + LANE_HEIGHT / 2 + 4} fontSize="13" style={{ fill: COLOR.text }}>
            <title>{lane.label}</title>
            {truncate(lane.label, 24)}
          </text>
        </g>
      ))}
      {geo.ticks.map((tick) => (
        <g key={tick.at} className="tl-tick">
          <line x1={tick.x} x2={tick.x} y1={lanesTop} y2={lanesBottom} style={{ stroke: COLOR.grid }} />
          <text x={tick.x} y={lanesBottom + 18} fontSize="12" textAnchor="middle" style={{ fill: COLOR.text }}>
            {formatTick(tick.at, step)}
          </text>
        </g>
      ))}
    </>
  );
}

/** Pauses (supplement requested / stopped), hatched across every lane. */
function Pauses({ geo, lanesBottom, hatchId }: { geo: TimelineGeometry; lanesBottom: number; hatchId: string }) {
  const { t } = useTranslation('item');
  return (
    <>
      {geo.spans.map((s, i) => (
        <rect
          key={`pause-${i}`}
          data-testid="tl-pause"
          x={s.x}
          y={TOP_BAND}
          width={Math.max(2, s.width)}
          height={lanesBottom - TOP_BAND}
          fill={`url(#${hatchId})`}
          fillOpacity={0.55}
        >
          <title>{t('timeline.pause')}</title>
        </rect>
      ))}
    </>
  );
}

/** Vertical lines: original due, due, end, now; labels alternate between two rows so neighbours do not overlap. */
function VerticalLines({
  geo,
  lanesBottom,
  lineLabel,
}: {
  geo: TimelineGeometry;
  lanesBottom: number;
  lineLabel: TimelineStripProps['lineLabel'];
}) {
  const { t } = useTranslation('item');
  return (
    <>
      {geo.lines.map((l, i) => (
        <g key={`${l.kind}-${i}`} data-testid={`tl-line-${l.kind}`}>
          <line
            x1={l.x}
            x2={l.x}
            y1={14 + (i % 2) * 14}
            y2={lanesBottom}
            strokeWidth={l.kind === 'due' ? 2.5 : 2}
            strokeDasharray={LINE_DASH[l.kind]}
            style={{ stroke: COLOR[l.kind] }}
          />
          <text
            x={l.x}
            y={10 + (i % 2) * 14}
            fontSize="12"
            fontWeight={l.kind === 'due' ? 700 : 400}
            textAnchor={l.x > STRIP_WIDTH - 120 ? 'end' : 'middle'}
            style={{ fill: COLOR.text }}
          >
            {lineLabel?.(l.kind) ?? t(`timeline.${l.kind}`)}
          </text>
        </g>
      ))}
    </>
  );
}

/** Markers: apologies and extensions point at the date they propose. */
function Markers({ geo }: { geo: TimelineGeometry }) {
  const { t } = useTranslation('item');
  return (
    <>
      {geo.markers.map((m) => {
        const y = TOP_BAND - 10;
        const label = t(MARKER_LABEL[m.kind]);
        return (
          <g key={m.id} data-testid={`tl-marker-${m.kind}`}>
            <title>
              {label}
              {m.target !== null ? ` – ${t('timeline.proposedDate', { date: formatTick(m.target, 24 * 3_600_000) })}` : ''}
            </title>
            {m.targetX !== null && (
              <>
                <line x1={m.x} x2={m.targetX} y1={y} y2={y} strokeDasharray="3 3" style={{ stroke: COLOR.marker }} />
                <circle cx={m.targetX} cy={y} r={4} fill="#ffffff" strokeWidth={2} style={{ stroke: COLOR.marker }} />
              </>
            )}
            {m.kind === 'event' ? (
              <circle cx={m.x} cy={y} r={5} style={{ fill: COLOR.marker }} />
            ) : (
              <path d={`M ${m.x} ${y - 7} L ${m.x + 7} ${y} L ${m.x} ${y + 7} L ${m.x - 7} ${y} Z`} style={{ fill: COLOR.marker }} />
            )}
          </g>
        );
      })}
    </>
  );
}

/** The legend: only the kinds of mark this drawing shows. */
function Legend({ model, geo }: { model: TimelineModel; geo: TimelineGeometry }) {
  const { t } = useTranslation('item');
  const markerKinds = [...new Set(model.markers.map((m) => m.kind))];
  return (
    <ul className="tl-legend" aria-label={t('timeline.legend')}>
      <li>
        <span className="tl-swatch" style={{ background: COLOR.within }} aria-hidden="true" />
        {t('timeline.withinAllotted')}
      </li>
      <li>
        <span className="tl-swatch" style={{ background: COLOR.over }} aria-hidden="true" />
        {t('timeline.beyondAllotted')}
      </li>
      {geo.spans.length > 0 && (
        <li>
          <span className="tl-swatch tl-swatch-hatch" aria-hidden="true" />
          {t('timeline.pause')}
        </li>
      )}
      {markerKinds.map((kind) => (
        <li key={kind}>
          <span className="tl-swatch tl-swatch-marker" style={{ background: COLOR.marker }} aria-hidden="true" />
          {t(MARKER_LABEL[kind])}
        </li>
      ))}
      {model.bars.some((b) => b.flagged && b.highlight !== 'case') && (
        <li>
          <span className="tl-swatch" style={{ border: `2px dashed ${COLOR.text}` }} aria-hidden="true" />
          {t('timeline.inCase')}
        </li>
      )}
      {model.bars.some((b) => b.highlight === 'case') && (
        <li>
          <span className="tl-swatch" style={{ border: `3px solid ${COLOR.caseMark}` }} aria-hidden="true" />
          {t('timeline.caseShown')}
        </li>
      )}
    </ul>
  );
}

/** One hold's bar: within and beyond its allotted time, its label, and its buck-passing marks (in a case; the case shown). */
function HoldBar({ b, y, text }: { b: PlacedBar; y: number; text: BarText }) {
  // The label goes after the bar; near the right edge inside it (white) when the bar is wide
  // enough, else before it, so a short last hold's label is never white on the background.
  const after = b.x + b.width + 4;
  const placement = after <= STRIP_WIDTH - RIGHT_PAD - 70 ? 'after' : b.width >= 70 ? 'inside' : 'before';
  const labelX = placement === 'after' ? after : placement === 'inside' ? b.x + 4 : b.x - 4;
  return (
    <g className={barClass(b.bar)} data-testid={`tl-bar-${b.bar.id}`} data-highlight={b.bar.highlight ?? undefined}>
      <title>{text.title}</title>
      {b.bar.highlight === 'case' && (
        <rect
          data-testid={`tl-case-${b.bar.id}`}
          x={b.x - 4}
          y={y - 5}
          width={Math.max(1, b.width) + 8}
          height={BAR_HEIGHT + 10}
          rx={4}
          fill="none"
          style={{ stroke: COLOR.caseMark }}
          strokeWidth={3}
        />
      )}
      <rect
        data-testid={`tl-within-${b.bar.id}`}
        x={b.within.x}
        y={y}
        width={Math.max(1, b.within.width)}
        height={BAR_HEIGHT}
        rx={2}
        style={{ fill: COLOR.within }}
      />
      {b.over && (
        <rect
          data-testid={`tl-over-${b.bar.id}`}
          className="tl-over"
          x={b.over.x}
          y={y}
          width={Math.max(1, b.over.width)}
          height={BAR_HEIGHT}
          rx={2}
          style={{ fill: COLOR.over }}
        />
      )}
      {b.bar.flagged && b.bar.highlight !== 'case' && (
        <rect
          x={b.x - 1}
          y={y - 2}
          width={Math.max(1, b.width) + 2}
          height={BAR_HEIGHT + 4}
          fill="none"
          style={{ stroke: COLOR.text }}
          strokeWidth={2}
          strokeDasharray="4 2"
        />
      )}
      <text
        x={labelX}
        y={y + BAR_HEIGHT - 5}
        fontSize="12"
        textAnchor={placement === 'before' ? 'end' : 'start'}
        data-placement={placement}
        style={{ fill: placement === 'inside' ? '#ffffff' : COLOR.text }}
      >
        {text.label}
      </text>
    </g>
  );
}
