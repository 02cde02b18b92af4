/**
 * The Users tab of the administration (`/admin/users`): every user with their role, units, state and
 * last sign-in; create one; per user: change name, role and units, disable or enable, reset the
 * password (the temporary one is shown once). A table on a wide screen, cards on a phone.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi, useJurisdiction } from '../../../api';
import { useLang } from '../../../i18n';
import { useSession } from '../../auth/session';
import { fetchUsers, type AdminUser, type PasswordResetAnswer } from './api';
import { PasswordOnce } from './PasswordOnce';
import { scopeOptions } from './scope-names';
import { UserForm } from './UserForm';
import { UsersTable } from './UsersTable';
import './users.css';
import { errorText } from '../../../api/error-text';

type Panel = { kind: 'none' } | { kind: 'create' } | { kind: 'edit'; user: AdminUser } | { kind: 'password'; answer: PasswordResetAnswer };

export function UsersSection() {
  const { t } = useTranslation('adminUsers');
  const lang = useLang();
  const { me } = useSession();
  const [reload, setReload] = useState(0);
  const [panel, setPanel] = useState<Panel>({ kind: 'none' });
  const [notice, setNotice] = useState<string | null>(null);
  const users = useApi((signal) => fetchUsers(signal), [reload]);
  const jurisdiction = useJurisdiction();
  const options = useMemo(() => scopeOptions(jurisdiction.data, lang), [jurisdiction.data, lang]);
  const refresh = (message: string | null) => {
    setNotice(message);
    setReload((n) => n + 1);
  };

  return (
    <section className="users-section" aria-labelledby="users-title" data-testid="admin-users">
      <div className="users-head">
        <h2 id="users-title">{t('title')}</h2>
        {panel.kind !== 'create' && (
          <button type="button" className="btn-primary" onClick={() => setPanel({ kind: 'create' })} data-testid="user-create">
            {t('create')}
          </button>
        )}
      </div>
      <p className="hint">{t('intro')}</p>
      {notice && (
        <p className="users-notice" role="status">
          {notice}
        </p>
      )}
      {panel.kind === 'password' && (
        <PasswordOnce
          username={panel.answer.username}
          password={panel.answer.temporaryPassword}
          onClose={() => setPanel({ kind: 'none' })}
        />
      )}
      {(panel.kind === 'create' || panel.kind === 'edit') && (
        <UserForm
          key={panel.kind === 'edit' ? panel.user.username : 'new'}
          user={panel.kind === 'edit' ? panel.user : undefined}
          options={options}
          onCancel={() => setPanel({ kind: 'none' })}
          onDone={(saved) => {
            setPanel({ kind: 'none' });
            refresh(t(panel.kind === 'edit' ? 'saved' : 'created', { username: saved.username }));
          }}
        />
      )}
      {users.error && (
        <p className="field-error" role="alert">
          {users.error.isForbidden ? t('forbidden') : t('loadError', { message: errorText(users.error) })}
        </p>
      )}
      {users.data && (
        <UsersTable
          users={users.data.items}
          options={options}
          self={me.user?.username ?? null}
          onEdit={(user) => setPanel({ kind: 'edit', user })}
          onChanged={(message) => refresh(message)}
          onPassword={(answer) => {
            setPanel({ kind: 'password', answer });
            refresh(null);
          }}
        />
      )}
    </section>
  );
}
