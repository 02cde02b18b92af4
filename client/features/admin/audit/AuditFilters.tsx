/** The audit log's filter: action (from the log's own list), actor, and a range of Vietnam days. */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { NO_FILTER, type AuditFilterValues } from './api';

export interface AuditFiltersProps {
  value: AuditFilterValues;
  actions: readonly string[];
  onApply: (f: AuditFilterValues) => void;
}

export function AuditFilters({ value, actions, onApply }: AuditFiltersProps) {
  const { t } = useTranslation('adminAudit');
  const id = useId();
  const [draft, setDraft] = useState(value);
  const set = (k: keyof AuditFilterValues) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [k]: e.target.value }));
  const badRange = draft.from !== '' && draft.to !== '' && draft.from > draft.to;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!badRange) onApply({ ...draft, actor: draft.actor.trim() });
  };
  return (
    <form className="admin-filters" onSubmit={submit} aria-label={t('filters')} data-testid="audit-filters">
      <label htmlFor={`${id}-a`}>
        {t('action')}
        <select id={`${id}-a`} value={draft.action} onChange={set('action')} data-testid="audit-action">
          <option value="">{t('anyAction')}</option>
          {actions.map((a) => (
            <option key={a} value={a}>
              {t(`actions.${a}`, { defaultValue: a })} ({a})
            </option>
          ))}
        </select>
      </label>
      <label htmlFor={`${id}-u`}>
        {t('actor')}
        <input id={`${id}-u`} value={draft.actor} onChange={set('actor')} maxLength={120} />
      </label>
      <label htmlFor={`${id}-f`}>
        {t('from')}
        <input id={`${id}-f`} type="date" value={draft.from} onChange={set('from')} data-testid="audit-from" />
      </label>
      <label htmlFor={`${id}-t`}>
        {t('to')}
        <input id={`${id}-t`} type="date" value={draft.to} onChange={set('to')} data-testid="audit-to" />
      </label>
      <div className="admin-actions">
        <button type="submit" className="admin-primary" disabled={badRange} data-testid="audit-apply">
          {t('apply')}
        </button>
        <button
          type="button"
          onClick={() => {
            setDraft(NO_FILTER);
            onApply(NO_FILTER);
          }}
        >
          {t('clear')}
        </button>
      </div>
      {badRange && (
        <p role="alert" className="text-danger">
          {t('badRange')}
        </p>
      )}
    </form>
  );
}
