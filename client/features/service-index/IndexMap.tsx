/**
 * The wards coloured by their grade, on the overview's geographic map or its tile cartogram (the
 * shared `layout` parameter), with the legend of the five grades and their cut-offs in force.
 * Choosing a unit opens its breakdown. In a national pack the places are the overview's: the
 * provinces at country level (choosing one drills into it), one province's communes after a drill.
 */
import { Suspense, useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { GradeCutoffs, IndexGrade, IndexRow } from '../../../shared/contract/service-index';
import { INDEX_GRADES } from '../../../shared/contract/service-index';
import { useClientConfig, useJurisdiction } from '../../api';
import { useFormat, useLang } from '../../i18n';
import { LAYOUTS, useViewParams } from '../../lib/url-state';
import type { MapUnitView } from '../overview/GeoMap';
import { GeoMap } from '../overview/lazy-geo-map';
import { MapInsets } from '../overview/MapPanel';
import { TileCartogram } from '../overview/TileCartogram';
import { useLevelBoundaries, useOverviewLevel, type OverviewLevelView } from '../overview/national-level';
import { provincePatch } from './url';
import { GRADE_FILL, GRADE_TEXT, gradeLevel } from './index-model';

interface Props {
  /** The places' rows: a city's wards, a country's provinces or one province's communes (the level shown). */
  rows: readonly IndexRow[];
  cutoffs: GradeCutoffs;
  onSelect: (code: string) => void;
}

const NO_CHANGES: readonly string[] = [];

export function IndexMap({ rows, cutoffs, onSelect }: Props) {
  const { t } = useTranslation('serviceIndex');
  const { layout, set } = useViewParams();
  return (
    <section className="block si-map" aria-label={t('map.legend')}>
      <div className="seg si-map__switch" role="group" aria-label={t('map.layout')} data-testid="si-layout-switch">
        {LAYOUTS.map((l) => (
          <button key={l} type="button" className="seg__btn" aria-pressed={layout === l} data-layout={l} onClick={() => set({ layout: l })}>
            {l === 'geo' ? t('map.layoutGeo') : t('map.layoutTiles')}
          </button>
        ))}
      </div>
      <MapArea rows={rows} onSelect={onSelect} />
      <GradeLegend cutoffs={cutoffs} />
    </section>
  );
}

/** The tiles (chosen, or when the boundaries failed to load), else the map with the far island beside it. */
function MapArea({ rows, onSelect }: Pick<Props, 'rows' | 'onSelect'>) {
  const { t } = useTranslation('serviceIndex');
  const { t: tc } = useTranslation();
  const { layout, linkTo } = useViewParams();
  const jurisdiction = useJurisdiction();
  const level = useOverviewLevel(jurisdiction.data ?? undefined);
  const boundaries = useLevelBoundaries(layout === 'geo', level);
  const config = useClientConfig();
  const units = jurisdiction.data ? level.places : [];
  const labels = useMapLabels(level, units.length);
  const insetUnits = useMemo(() => units.filter((u) => u.type === 'Đặc khu'), [units]);
  const views = useGradeViews(rows);
  const f = useFormat();
  // Tenths rounded down: a tile never shows 90 for a ward of 89.96, graded Tốt, not Xuất sắc.
  const tileValue = useCallback(
    (code: string) => {
      const total = views[code]?.total;
      return total == null ? '—' : f.number(Math.floor(total * 10) / 10, 1);
    },
    [views, f],
  );
  if (units.length === 0) return <p className="empty">{tc('loading')}</p>;
  if (layout === 'tiles' || (boundaries.error != null && !boundaries.data)) {
    return (
      <div className="si-map__body">
        <TileCartogram
          units={units}
          views={views}
          tileValue={tileValue}
          changed={NO_CHANGES}
          changeCount={0}
          hrefOf={(code) => linkTo('/index', level.national && !level.province ? provincePatch(code) : { unit: code, kind: null })}
          onSelect={onSelect}
          ariaLabel={labels.tiles}
        />
      </div>
    );
  }
  return (
    <div className="si-map__body">
      {boundaries.data ? (
        <Suspense fallback={<p className="empty">{t('map.loading')}</p>}>
          <GeoMap
            boundaries={boundaries.data}
            views={views}
            insetCodes={insetUnits.map((u) => u.code)}
            changed={NO_CHANGES}
            changeCount={0}
            onSelect={onSelect}
            ariaLabel={labels.map}
            tileUrl={config.data?.tileUrl ?? null}
            tileAttribution={config.data?.tileAttribution ?? ''}
          />
        </Suspense>
      ) : (
        <p className="empty">{t('map.loading')}</p>
      )}
      <MapInsets units={insetUnits} views={views} tileValue={tileValue} onSelect={onSelect} />
    </div>
  );
}

/** What the map and tiles are of, said to a screen reader: wards, the provinces, or one province's communes. */
function useMapLabels(level: OverviewLevelView, count: number): { map: string; tiles: string } {
  const { t } = useTranslation('serviceIndex');
  if (!level.national) return { map: t('map.label', { count }), tiles: t('map.tilesLabel') };
  if (level.province === null) return { map: t('map.labelProvinces', { count }), tiles: t('map.tilesLabelProvinces') };
  const name = level.province.name;
  return { map: t('map.labelCommunes', { count, name }), tiles: t('map.tilesLabelCommunes', { name }) };
}

/** Each ward's colour (its grade's), name and value for the tooltip and the accessible label. */
function useGradeViews(rows: readonly IndexRow[]): Record<string, MapUnitView & { total: number | null }> {
  const { t } = useTranslation('serviceIndex');
  const f = useFormat();
  const lang = useLang();
  return useMemo(() => {
    const out: Record<string, MapUnitView & { total: number | null }> = {};
    for (const r of rows) {
      const grade = r.grade;
      out[r.code] = {
        level: gradeLevel(grade),
        label: r.name,
        valueText: r.total === null ? t('noData') : t('map.value', { total: f.number(r.total, 2), grade: t(`grade.${grade ?? 'none'}`) }),
        fill: grade ? GRADE_FILL[grade] : undefined,
        ink: grade ? GRADE_TEXT[grade] : undefined,
        total: r.total,
      };
    }
    return out;
    // The language changes the words; `t` follows it.
  }, [rows, t, f, lang]);
}

/** The five grades, best first, with the cut-off each starts at. */
function GradeLegend({ cutoffs }: { cutoffs: GradeCutoffs }) {
  const { t } = useTranslation('serviceIndex');
  const f = useFormat();
  const from: Record<IndexGrade, string> = {
    excellent: t('map.cut', { from: f.number(cutoffs.excellent) }),
    good: t('map.cut', { from: f.number(cutoffs.good) }),
    fair: t('map.cut', { from: f.number(cutoffs.fair) }),
    average: t('map.cut', { from: f.number(cutoffs.average) }),
    weak: t('map.below', { to: f.number(cutoffs.average) }),
  };
  return (
    <ul className="si-legend" aria-label={t('map.legend')} data-testid="si-legend">
      {INDEX_GRADES.map((g) => (
        <li key={g}>
          <span className="si-legend__swatch" style={{ background: GRADE_FILL[g] }} aria-hidden="true" />
          {t(`grade.${g}`)} <span className="muted">{from[g]}</span>
        </li>
      ))}
      <li>
        <span className="si-legend__swatch si-legend__swatch--none" aria-hidden="true" />
        {t('grade.none')}
      </li>
    </ul>
  );
}
