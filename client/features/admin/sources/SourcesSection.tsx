/**
 * The sources tab of /admin: every ingest source with its unit limits, latest event, lag, state (the
 * header panel's words) and clock skew; create (the key shown once), edit settings, revoke.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminSource, CreatedSource } from '../../../../shared/contract/admin-ops';
import { useApi, useJurisdiction } from '../../../api';
import { AdminTable } from './AdminTable';
import { LoadError } from '../../unit/LoadError';
import { createSource, fetchAdminSources, fetchFreshness, revokeSource, updateSource } from './api';
import { SecretOnce } from './SecretOnce';
import { SourceForm, type SourceFormValues } from './SourceForm';
import { SourceRow } from './SourceRow';
import type { PickableUnit } from './UnitPicker';
import { useAdminAction } from './use-admin-action';
import '../admin-ops.css';

const COLUMNS = ['name', 'kind', 'units', 'created', 'lastEvent', 'lag', 'state', 'silence', 'skew', 'actions'] as const;

export function SourcesSection() {
  const { t } = useTranslation('adminSources');
  const sources = useApi((s) => fetchAdminSources(s), []);
  const freshness = useApi((s) => fetchFreshness(s), []);
  const [form, setForm] = useState<AdminSource | 'new' | null>(null);
  const [created, setCreated] = useState<CreatedSource | null>(null);
  const action = useAdminAction(t, () => {
    sources.reload();
    freshness.reload();
  });
  const units = usePickableUnits();
  const unitName = (code: string) => units.find((u) => u.code === code)?.name ?? code;
  const freshOf = new Map((freshness.data ?? []).map((f) => [f.name, f]));

  const submit = (v: SourceFormValues) => {
    const { name, kind, ...settings } = v;
    if (form === 'new')
      void action.run(async () => {
        setCreated(await createSource({ name, kind, ...settings }));
        setForm(null);
      });
    else if (form)
      void action.run(async () => {
        await updateSource(form.name, settings);
        setForm(null);
        return t('edit.saved', { name: form.name });
      });
  };

  return (
    <section className="block admin-section" aria-labelledby="admin-sources-title" data-testid="admin-sources">
      <div className="block-head">
        <h2 id="admin-sources-title">{t('title')}</h2>
        <button
          type="button"
          className="admin-primary"
          onClick={() => setForm('new')}
          disabled={form !== null || created !== null}
          data-testid="source-add"
        >
          {t('create.open')}
        </button>
      </div>
      <p className="hint">{t('intro')}</p>
      {created && <SourceKeyOnce source={created} onDone={() => setCreated(null)} />}
      {form && (
        <SourceForm
          key={form === 'new' ? 'new' : form.name}
          source={form === 'new' ? null : form}
          units={units}
          busy={action.busy}
          onSubmit={submit}
          onCancel={() => setForm(null)}
        />
      )}
      {action.message}
      {sources.error ? (
        <LoadError error={sources.error} onRetry={sources.reload} />
      ) : (
        <AdminTable
          headers={COLUMNS.map((c) => t(`col.${c}`))}
          busy={sources.loading}
          empty={sources.data?.items.length === 0 ? t('empty') : null}
        >
          {sources.data?.items.map((s) => (
            <SourceRow
              key={s.name}
              source={s}
              freshness={freshOf.get(s.name)}
              unitName={unitName}
              busy={action.busy}
              onEdit={() => setForm(s)}
              onRevoke={() => void action.run(async () => (await revokeSource(s.name), t('revoke.done', { name: s.name })))}
            />
          ))}
        </AdminTable>
      )}
    </section>
  );
}

/** The key of a source just created, shown this once. */
function SourceKeyOnce({ source, onDone }: { source: CreatedSource; onDone: () => void }) {
  const { t } = useTranslation('adminSources');
  return (
    <SecretOnce
      title={t('key.title', { name: source.name })}
      warning={t('key.warning')}
      secret={source.key}
      copyLabel={t('key.copy')}
      copiedLabel={t('key.copied')}
      copyFailedLabel={t('key.copyFailed')}
      doneLabel={t('key.done')}
      onDone={onDone}
    />
  );
}

/** The jurisdiction's units and departments, for the unit limit. */
function usePickableUnits(): PickableUnit[] {
  const j = useJurisdiction().data;
  return useMemo(
    () => [
      ...(j?.units ?? []).map((u) => ({ code: u.code, name: `${u.type} ${u.name}` })),
      ...(j?.departments ?? []).map((d) => ({ code: d.code, name: d.name })),
    ],
    [j],
  );
}
