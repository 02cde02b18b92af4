/** The form that adds a wall display: its name and what it may show. */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScopeKey } from '../../../../shared/contract/metrics';
import { ScopeSelect } from './ScopeSelect';

export interface AddDisplayFormProps {
  busy: boolean;
  onAdd: (name: string, scope: ScopeKey) => void;
  onCancel: () => void;
}

export function AddDisplayForm({ busy, onAdd, onCancel }: AddDisplayFormProps) {
  const { t } = useTranslation('adminWalls');
  const id = useId();
  const [name, setName] = useState('');
  const [scope, setScope] = useState<ScopeKey>('city');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onAdd(name.trim(), scope);
  };
  return (
    <form className="admin-form" onSubmit={submit} aria-label={t('displays.addTitle')}>
      <h3>{t('displays.addTitle')}</h3>
      <label htmlFor={`${id}-n`}>{t('displays.name')}</label>
      <input id={`${id}-n`} value={name} onChange={(e) => setName(e.target.value)} required pattern="[A-Za-z0-9._\-]{1,64}" />
      <label htmlFor={`${id}-s`}>{t('displays.scope')}</label>
      <ScopeSelect id={`${id}-s`} value={scope} onChange={setScope} />
      <div className="admin-actions">
        <button type="submit" className="admin-primary" disabled={busy}>
          {t('displays.submit')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('displays.cancel')}
        </button>
      </div>
    </form>
  );
}
