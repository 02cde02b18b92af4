/**
 * The form of a source's settings: name and kind when it is created, then the unit limit and when it
 * counts as silent (minutes, or empty for the server default; office hours or round the clock).
 */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminSource, SourceSettingsBody } from '../../../../shared/contract/admin-ops';
import type { SourceHours } from '../../../../shared/contract/api';
import { UnitPicker, type PickableUnit } from './UnitPicker';

export interface SourceFormValues extends SourceSettingsBody {
  name: string;
  kind: 'dossier' | 'task';
}

export interface SourceFormProps {
  /** The source being edited; null to create one. */
  source: AdminSource | null;
  units: readonly PickableUnit[];
  busy: boolean;
  onSubmit: (v: SourceFormValues) => void;
  onCancel: () => void;
}

export function SourceForm({ source, units, busy, onSubmit, onCancel }: SourceFormProps) {
  const { t } = useTranslation('adminSources');
  const { t: tc } = useTranslation();
  const id = useId();
  const [name, setName] = useState(source?.name ?? '');
  const [kind, setKind] = useState<'dossier' | 'task'>(source?.kind ?? 'dossier');
  const [codes, setCodes] = useState<string[]>(source?.units ?? []);
  const [minutes, setMinutes] = useState(source?.silentAfterMs ? String(source.silentAfterMs / 60_000) : '');
  const [hours, setHours] = useState<SourceHours>(source?.hours ?? 'office');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit({ name: name.trim(), kind, units: codes, silentAfterMinutes: minutes.trim() || 'default', hours });
  };
  return (
    <form className="admin-form" onSubmit={submit} aria-label={source ? t('edit.title', { name: source.name }) : t('create.title')}>
      <h3>{source ? t('edit.title', { name: source.name }) : t('create.title')}</h3>
      {!source && (
        <>
          <label htmlFor={`${id}-name`}>{t('create.name')}</label>
          <input
            id={`${id}-name`}
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            pattern="[A-Za-z0-9._\-]{1,64}"
            data-testid="source-name"
          />
          <label htmlFor={`${id}-kind`}>{t('create.kind')}</label>
          <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as 'dossier' | 'task')}>
            <option value="dossier">{tc('sources.kind.dossier')}</option>
            <option value="task">{tc('sources.kind.task')}</option>
          </select>
        </>
      )}
      <UnitPicker units={units} value={codes} onChange={setCodes} />
      <label htmlFor={`${id}-min`}>{t('silence.label')}</label>
      <input
        id={`${id}-min`}
        type="number"
        inputMode="numeric"
        min={1}
        max={10080}
        step={1}
        value={minutes}
        onChange={(e) => setMinutes(e.target.value)}
      />
      <fieldset>
        <legend>{t('silence.hours')}</legend>
        {(['office', 'always'] as const).map((h) => (
          <label key={h} className="admin-radio">
            <input type="radio" name={`${id}-hours`} value={h} checked={hours === h} onChange={() => setHours(h)} />
            {t(`silence.${h}`)}
          </label>
        ))}
      </fieldset>
      <div className="admin-actions">
        <button type="submit" className="admin-primary" disabled={busy} data-testid="source-submit">
          {source ? t('edit.submit') : t('create.submit')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('create.cancel')}
        </button>
      </div>
    </form>
  );
}
