/**
 * The tabs of work lists: overdue, due soon, early warning (at risk), awaiting supplement dossiers, and
 * tasks (their status-update rate, the at-risk ones, the overdue ones).
 */
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ScopeKey } from '../../../shared/contract/metrics';
import { AtRiskList } from '../early-warning/AtRiskList';
import { AtRiskTasks } from '../early-warning/AtRiskTasks';
import { IndexDrillBlock } from '../service-index/IndexDrillBlock';
import { CLOSE_INDEX_DRILL_KEYS, readIndexDrill } from '../service-index/drill';
import { DossierList } from './DossierList';
import { Tabs } from './Tabs';
import { TaskList } from './TaskList';
import { UNIT_TABS, type UnitTab } from './url-view';
import { useUnitTab } from './use-table-view';

export interface WorkListsProps {
  code: string;
  /** The page's scope (`city`, `unit:<code>`, `department:<code>`), for the early-warning lists. */
  scope: ScopeKey;
  refreshToken?: number | null;
  /** Whether the overdue-tasks tab is shown (the administration centre supervises dossiers only). */
  tasks?: boolean;
}

export function WorkLists({ code, scope, refreshToken, tasks = true }: WorkListsProps) {
  const { t } = useTranslation('unit');
  const [urlTab, setTab] = useUnitTab();
  const tabs: readonly UnitTab[] = tasks ? UNIT_TABS : UNIT_TABS.filter((k) => k !== 'tasks');
  const tab = tabs.includes(urlTab) ? urlTab : 'overdue';
  // `?holder=` narrows the dossier lists to what one official holds now (a link from the officials page).
  const [params, setParams] = useSearchParams();
  const holder = params.get('holder') || null;
  const clearHolder = () =>
    setParams(
      (prev) => {
        const p = new URLSearchParams(prev);
        p.delete('holder');
        p.delete('holderName');
        p.delete('page');
        return p;
      },
      { replace: true, preventScrollReset: true },
    );
  // `?indicator=&side=` (a link from the Index page's breakdown): the dossiers behind that count instead.
  const drill = readIndexDrill(params);
  if (drill) {
    const closeDrill = () =>
      setParams(
        (prev) => {
          const p = new URLSearchParams(prev);
          for (const k of CLOSE_INDEX_DRILL_KEYS) p.delete(k);
          return p;
        },
        { replace: false, preventScrollReset: true },
      );
    return <IndexDrillBlock code={code} drill={drill} onClose={closeDrill} />;
  }
  return (
    <section className="block" aria-labelledby="unit-lists-title">
      <h2 id="unit-lists-title">{t('tabs.label')}</h2>
      {holder && tab !== 'tasks' && (
        <p className="holder-filter" data-testid="holder-filter">
          <span>{t('dossiers.heldBy', { name: params.get('holderName') || holder })}</span>{' '}
          <button type="button" onClick={clearHolder}>
            {t('dossiers.clearHolder')}
          </button>
        </p>
      )}
      <Tabs
        label={t('tabs.label')}
        idPrefix="unit-lists"
        tabs={tabs.map((key) => ({ key, label: t(`tabs.${key}`) }))}
        selected={tab}
        onSelect={setTab}
      >
        {tab === 'tasks' ? (
          <>
            <AtRiskTasks key={`at-risk-tasks-${code}`} scope={scope} refreshToken={refreshToken} />
            <h3>{t('tasks.caption')}</h3>
            <TaskList key={`tasks-${code}`} code={code} refreshToken={refreshToken ?? undefined} />
          </>
        ) : tab === 'at_risk' ? (
          <AtRiskList key={`at-risk-${code}`} scope={scope} refreshToken={refreshToken} />
        ) : (
          // Keyed by tab: a new list starts empty rather than showing the previous tab's rows.
          <DossierList
            key={`${tab}-${code}-${holder ?? ''}`}
            code={code}
            status={tab}
            holder={holder}
            refreshToken={refreshToken ?? undefined}
          />
        )}
      </Tabs>
    </section>
  );
}
