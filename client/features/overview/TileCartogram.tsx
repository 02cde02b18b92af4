/**
 * Tile cartogram in SVG: one equal square per unit, roughly where it lies (see cartogram.ts).
 * Every tile is a link (keyboard reachable), shows a short label unique in the city (tile-labels.ts)
 * and the value, and carries the full name as its SVG title, in its accessible name and in a hover
 * tooltip. Where tiles are large on screen (the wall at 4K) they show the full name instead of the
 * short label. Tiles are restyled by React; the layout is computed once per panel shape.
 */
import { useLayoutEffect, useMemo, useRef, useState, type MouseEvent, type RefObject } from 'react';
import type { UnitInfo } from '../../../shared/contract/api';
import { LEVEL_FILL, LEVEL_TEXT } from '../../lib/color-scale';
import { layoutCartogram, type CartogramCell, type CartogramLayout } from './cartogram';
import type { MapUnitView } from './GeoMap';
import { tileLabels, wrapName } from './tile-labels';

export interface TileCartogramProps {
  units: readonly UnitInfo[];
  views: Record<string, MapUnitView>;
  /** Short value text shown inside each tile. */
  tileValue: (code: string) => string;
  changed: readonly string[];
  changeCount: number;
  hrefOf: (code: string) => string;
  onSelect: (code: string) => void;
  ariaLabel: string;
}

const NOT_LAID_OUT: CartogramLayout = { cols: 0, rows: 0, cells: [] };

const CELL = 48;
const GAP = 3;
/** Font size of a full name, in the grid's units (a cell is `CELL`). */
const FULL_NAME_FONT = 7.5;
/** Characters of a full-name line: the tile's width ÷ an average glyph (≈ 0.55 em), with a margin. */
const FULL_NAME_LINE_CHARS = Math.floor((CELL - GAP - 4) / (FULL_NAME_FONT * 0.55));
/** A tile at least this large on screen, in CSS pixels, shows the unit's full name (≈ 17 px type). */
export const FULL_NAME_MIN_TILE_PX = 100;

/**
 * The panel's width ÷ height in steps of 0.25 (1..2.5), so the grid fills a wide panel with
 * larger tiles; stepped so that resizing by a few pixels does not re-run the layout. Also the
 * panel's size in CSS pixels, to know how large a tile is drawn.
 */
function usePanelBox(ref: RefObject<HTMLDivElement | null>): { aspect?: number; width: number; height: number } {
  const [aspect, setAspect] = useState<number | undefined>(undefined);
  const [size, setSize] = useState({ width: 0, height: 0 });
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const measure = (width: number, height: number) => {
      if (width <= 0 || height <= 0) return;
      const stepped = Math.min(2.5, Math.max(1, Math.round((width / height) * 4) / 4));
      setAspect((a) => (a === stepped ? a : stepped));
      setSize((s) => (s.width === width && s.height === height ? s : { width, height }));
    };
    // Measured once before the first paint, so the tiles are drawn in the same task as the page (the
    // observer's first call comes a frame later: on a throttled phone, after another long task).
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    measure(
      box.width -
        parseFloat(style.paddingLeft) -
        parseFloat(style.paddingRight) -
        parseFloat(style.borderLeftWidth) -
        parseFloat(style.borderRightWidth),
      box.height -
        parseFloat(style.paddingTop) -
        parseFloat(style.paddingBottom) -
        parseFloat(style.borderTopWidth) -
        parseFloat(style.borderBottomWidth),
    );
    const ro = new ResizeObserver(([entry]) => measure(entry.contentRect.width, entry.contentRect.height));
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return { aspect, ...size };
}

interface Hover {
  code: string;
  x: number;
  y: number;
}

export function TileCartogram({ units, views, tileValue, changed, changeCount, hrefOf, onSelect, ariaLabel }: TileCartogramProps) {
  const frame = useRef<HTMLDivElement>(null);
  const { aspect, width: panelW, height: panelH } = usePanelBox(frame);
  // Laid out once the panel's shape is known (where it can be measured): a layout for a guessed shape
  // would be thrown away a frame later, and on a phone each costs a tenth of a second or more.
  const measured = aspect !== undefined || typeof ResizeObserver === 'undefined';
  const layout = useMemo(
    () =>
      measured
        ? layoutCartogram(
            units.map((u) => ({ code: u.code, lat: u.lat, lon: u.lon })),
            { aspect },
          )
        : NOT_LAID_OUT,
    [units, aspect, measured],
  );
  const byCode = useMemo(() => new Map(units.map((u) => [u.code, u])), [units]);
  const labels = useMemo(() => tileLabels(units), [units]);
  const fullNames = useMemo(() => new Map(units.map((u) => [u.code, wrapName(u.name, FULL_NAME_LINE_CHARS)])), [units]);
  const [hover, setHover] = useState<Hover | null>(null);
  // Units changed by the latest update pulse. Two alternating animation names restart the
  // animation when a unit changes in consecutive updates, without remounting (keeps focus).
  const changedSet = useMemo(() => new Set(changed), [changed]);

  const showTip = (code: string, e: MouseEvent<Element>): void => {
    const box = frame.current?.getBoundingClientRect();
    if (!box) return;
    setHover({ code, x: e.clientX - box.left, y: e.clientY - box.top });
  };

  const width = layout.cols * CELL;
  const height = layout.rows * CELL;
  // The SVG is scaled to fit the panel ("meet"); the frame's padding is outside the content box.
  const scale = width > 0 && height > 0 ? Math.min(panelW / width, panelH / height) : 0;
  const tilePx = Math.round((CELL - GAP) * scale);
  const showFullNames = tilePx >= FULL_NAME_MIN_TILE_PX;

  return (
    <div className="tiles-frame" ref={frame} data-tile-px={tilePx} data-full-names={showFullNames ? 'true' : 'false'}>
      <svg className="tiles" viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="xMidYMid meet" role="group" aria-label={ariaLabel}>
        {layout.cells.map((c) => {
          const u = byCode.get(c.code);
          return (
            <Tile
              key={c.code}
              cell={c}
              view={views[c.code]}
              fullName={u?.fullName ?? u?.name ?? c.code}
              label={labels.get(c.code) ?? c.code}
              nameLines={showFullNames ? (fullNames.get(c.code) ?? null) : null}
              value={tileValue(c.code)}
              pulse={changeCount > 0 && changedSet.has(c.code) ? changeCount % 2 : null}
              href={hrefOf(c.code)}
              onSelect={onSelect}
              onHover={showTip}
              onLeave={() => setHover(null)}
            />
          );
        })}
      </svg>
      {hover && <TileTooltip hover={hover} view={views[hover.code]} />}
    </div>
  );
}

interface TileProps {
  cell: CartogramCell;
  view: MapUnitView | undefined;
  /** The unit's full name, for its title and accessible name while it has no value. */
  fullName: string;
  /** The short label shown in the tile, unless `nameLines` are. */
  label: string;
  /** The unit's name wrapped into lines, shown instead of the label on large tiles. */
  nameLines: string[] | null;
  value: string;
  /** Which of the two pulse animations runs (see TileCartogram), or null: not changed. */
  pulse: number | null;
  href: string;
  onSelect: (code: string) => void;
  onHover: (code: string, e: MouseEvent<Element>) => void;
  onLeave: () => void;
}

/** One unit's tile: a link with its colour, its label or name, and its value. */
function Tile({ cell: c, view: v, fullName, label, nameLines, value, pulse, href, onSelect, onHover, onLeave }: TileProps) {
  const level = v?.level ?? 'none';
  const ink = v?.ink ?? LEVEL_TEXT[level];
  const x = c.col * CELL + GAP / 2;
  const y = c.row * CELL + GAP / 2;
  const size = CELL - GAP;
  return (
    <a
      href={href}
      className={`tile unit-${c.code}${pulse !== null ? ` unit-pulse unit-pulse--${pulse}` : ''}`}
      data-testid={`map-unit-${c.code}`}
      data-level={level}
      data-label={label}
      aria-label={v ? `${v.label}: ${v.valueText}` : fullName}
      onClick={(e) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
        e.preventDefault();
        onSelect(c.code);
      }}
      onMouseMove={(e) => onHover(c.code, e)}
      onMouseLeave={onLeave}
    >
      <title>{v ? `${v.label}: ${v.valueText}` : fullName}</title>
      <rect
        x={x}
        y={y}
        width={size}
        height={size}
        rx={4}
        fill={v?.fill ?? LEVEL_FILL[level]}
        className={level === 'none' ? 'tile__rect tile__rect--none' : 'tile__rect'}
      />
      {nameLines ? (
        <TileName x={x} y={y} size={size} lines={nameLines} fill={ink} />
      ) : (
        <text x={x + size / 2} y={y + size * 0.4} textAnchor="middle" className="tile__abbr" fill={ink} aria-hidden="true">
          {label}
        </text>
      )}
      <text x={x + size / 2} y={y + size * 0.78} textAnchor="middle" className="tile__value" fill={ink} aria-hidden="true">
        {value}
      </text>
    </a>
  );
}

/** A unit's full name on one or two lines, at the top of its tile (x, y: the tile's corner). */
function TileName({ x, y, size, lines, fill }: { x: number; y: number; size: number; lines: string[]; fill: string }) {
  return (
    <text
      x={x + size / 2}
      y={y + size * (lines.length > 1 ? 0.24 : 0.36)}
      textAnchor="middle"
      className="tile__name"
      fontSize={FULL_NAME_FONT}
      fill={fill}
      aria-hidden="true"
    >
      {lines.map((line, i) => (
        <tspan key={i} x={x + size / 2} dy={i === 0 ? 0 : FULL_NAME_FONT * 1.15}>
          {line}
        </tspan>
      ))}
    </text>
  );
}

/** The hover tooltip: the unit's name and value, where the pointer is. */
function TileTooltip({ hover, view }: { hover: Hover; view: MapUnitView | undefined }) {
  return (
    <div className="map-tooltip tiles-tooltip" style={{ left: hover.x, top: hover.y }} role="presentation">
      <strong>{view?.label ?? hover.code}</strong>
      <div>{view?.valueText ?? '—'}</div>
    </div>
  );
}
