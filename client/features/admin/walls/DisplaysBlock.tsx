/** Wall displays: the list (scope, last connection, revoked), add one (its link with the token shown once), revoke. */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreatedDisplay } from '../../../../shared/contract/admin-ops';
import type { ScopeKey } from '../../../../shared/contract/metrics';
import { useApi } from '../../../api';
import { AdminTable } from '../sources/AdminTable';
import { LoadError } from '../../unit/LoadError';
import { SecretOnce } from '../sources/SecretOnce';
import { useAdminAction } from '../sources/use-admin-action';
import { addDisplay, fetchDisplays, revokeDisplay, wallUrl } from './api';
import { AddDisplayForm } from './AddDisplayForm';
import { DisplayRow } from './DisplayRow';
import { useScopeName } from './ScopeSelect';

const COLUMNS = ['name', 'scope', 'created', 'lastSeen', 'open', 'actions'] as const;

export function DisplaysBlock() {
  const { t } = useTranslation('adminWalls');
  const id = useId();
  const displays = useApi((s) => fetchDisplays(s), []);
  const action = useAdminAction(t, displays.reload);
  const scopeName = useScopeName();
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState<CreatedDisplay | null>(null);
  const add = (name: string, scope: ScopeKey) =>
    void action.run(async () => {
      setCreated(await addDisplay(name, scope));
      setAdding(false);
    });
  const link = created ? `${window.location.origin}${wallUrl({ token: created.token })}` : '';
  return (
    <section className="block" aria-labelledby={`${id}-t`}>
      <div className="block-head">
        <h2 id={`${id}-t`}>{t('displays.title')}</h2>
        <button type="button" className="admin-primary" onClick={() => setAdding(true)} disabled={adding || created !== null}>
          {t('displays.add')}
        </button>
      </div>
      <p className="hint">{t('displays.intro')}</p>
      {created && (
        <SecretOnce
          title={t('displays.tokenTitle', { name: created.name })}
          warning={t('displays.tokenWarning')}
          secret={link}
          copyLabel={t('displays.copy')}
          copiedLabel={t('displays.copied')}
          copyFailedLabel={t('displays.copyFailed')}
          doneLabel={t('displays.done')}
          onDone={() => setCreated(null)}
        />
      )}
      {adding && <AddDisplayForm busy={action.busy} onAdd={add} onCancel={() => setAdding(false)} />}
      {action.message}
      {displays.error ? (
        <LoadError error={displays.error} onRetry={displays.reload} />
      ) : (
        <AdminTable
          headers={COLUMNS.map((c) => t(`displays.col.${c}`))}
          busy={displays.loading}
          empty={displays.data?.items.length === 0 ? t('displays.empty') : null}
        >
          {displays.data?.items.map((d) => (
            <DisplayRow
              key={d.name}
              display={d}
              scopeName={scopeName(d.scope)}
              busy={action.busy}
              onRevoke={() => void action.run(async () => (await revokeDisplay(d.name), t('displays.revoked', { name: d.name })))}
            />
          ))}
        </AdminTable>
      )}
    </section>
  );
}
