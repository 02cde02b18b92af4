/**
 * Tile cartogram in SVG: one equal square per unit, roughly where it lies (see cartogram.ts).
 * Every tile is a link (keyboard reachable), shows the unit's initials and value, and has a
 * tooltip with the full name. Tiles are restyled by React; the layout is computed once.
 */
import { useEffect, useMemo, useRef, useState, type MouseEvent, type RefObject } from 'react';
import type { UnitInfo } from '../../../server/http/api-types';
import { LEVEL_FILL, LEVEL_TEXT } from '../../lib/color-scale';
import { layoutCartogram } from './cartogram';
import type { MapUnitView } from './GeoMap';
import { initials } from './unit-rows';

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

const CELL = 48;
const GAP = 3;

/**
 * The panel's width ÷ height in steps of 0.25 (1..2.5), so the grid fills a wide panel with
 * larger tiles; stepped so that resizing by a few pixels does not re-run the layout.
 */
function usePanelAspect(ref: RefObject<HTMLDivElement | null>): number | undefined {
  const [aspect, setAspect] = useState<number | undefined>(undefined);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(([entry]) => {
      const { width, height } = entry.contentRect;
      if (width <= 0 || height <= 0) return;
      const stepped = Math.min(2.5, Math.max(1, Math.round((width / height) * 4) / 4));
      setAspect((a) => (a === stepped ? a : stepped));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return aspect;
}

export function TileCartogram({
  units,
  views,
  tileValue,
  changed,
  changeCount,
  hrefOf,
  onSelect,
  ariaLabel,
}: TileCartogramProps) {
  const frame = useRef<HTMLDivElement>(null);
  const aspect = usePanelAspect(frame);
  const layout = useMemo(
    () => layoutCartogram(units.map((u) => ({ code: u.code, lat: u.lat, lon: u.lon })), { aspect }),
    [units, aspect],
  );
  const byCode = useMemo(() => new Map(units.map((u) => [u.code, u])), [units]);
  const [hover, setHover] = useState<{ code: string; x: number; y: number } | null>(null);
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
  const hv = hover ? views[hover.code] : undefined;

  return (
    <div className="tiles-frame" ref={frame}>
      <svg
        className="tiles"
        viewBox={`0 0 ${width} ${height}`}
        preserveAspectRatio="xMidYMid meet"
        role="group"
        aria-label={ariaLabel}
      >
        {layout.cells.map((c) => {
          const u = byCode.get(c.code);
          const v = views[c.code];
          const level = v?.level ?? 'none';
          const x = c.col * CELL + GAP / 2;
          const y = c.row * CELL + GAP / 2;
          const size = CELL - GAP;
          const pulsing = changeCount > 0 && changedSet.has(c.code);
          return (
            <a
              key={c.code}
              href={hrefOf(c.code)}
              className={`tile unit-${c.code}${pulsing ? ` unit-pulse unit-pulse--${changeCount % 2}` : ''}`}
              data-testid={`map-unit-${c.code}`}
              data-level={level}
              aria-label={v ? `${v.label}: ${v.valueText}` : (u?.name ?? c.code)}
              onClick={(e) => {
                if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
                e.preventDefault();
                onSelect(c.code);
              }}
              onMouseMove={(e) => showTip(c.code, e)}
              onMouseLeave={() => setHover(null)}
            >
              <rect
                x={x}
                y={y}
                width={size}
                height={size}
                rx={4}
                fill={LEVEL_FILL[level]}
                className={level === 'none' ? 'tile__rect tile__rect--none' : 'tile__rect'}
              />
              <text
                x={x + size / 2}
                y={y + size * 0.4}
                textAnchor="middle"
                className="tile__abbr"
                fill={LEVEL_TEXT[level]}
                aria-hidden="true"
              >
                {initials(u?.name ?? c.code)}
              </text>
              <text
                x={x + size / 2}
                y={y + size * 0.78}
                textAnchor="middle"
                className="tile__value"
                fill={LEVEL_TEXT[level]}
                aria-hidden="true"
              >
                {tileValue(c.code)}
              </text>
            </a>
          );
        })}
      </svg>
      {hover && (
        <div className="map-tooltip tiles-tooltip" style={{ left: hover.x, top: hover.y }} role="presentation">
          <strong>{hv?.label ?? hover.code}</strong>
          <div>{hv?.valueText ?? '—'}</div>
        </div>
      )}
    </div>
  );
}
