/** The users as a table (cards on a phone): name, role in words, units by name, state, last sign-in, actions. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../i18n';
import { disableUser, enableUser, resetPassword, type AdminUser, type PasswordResetAnswer } from './api';
import { scopeLabel, type ScopeOption } from './scope-names';
import { errorText } from '../../../api/error-text';

interface Props {
  users: AdminUser[];
  options: readonly ScopeOption[];
  /** The signed-in admin's username: they may not disable themselves. */
  self: string | null;
  onEdit(user: AdminUser): void;
  onChanged(message: string): void;
  onPassword(answer: PasswordResetAnswer): void;
}

export function UsersTable({ users, options, self, onEdit, onChanged, onPassword }: Props) {
  const { t } = useTranslation('adminUsers');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const act = async (u: AdminUser, confirmText: string, run: () => Promise<void>) => {
    if (!window.confirm(confirmText)) return;
    setBusy(u.username);
    setError(null);
    try {
      await run();
    } catch (e) {
      setError(t('actionError', { username: u.username, message: errorText(e) }));
    } finally {
      setBusy(null);
    }
  };
  const toggle = (u: AdminUser) =>
    act(u, t(u.disabled ? 'confirmEnable' : 'confirmDisable', { name: u.displayName }), async () => {
      await (u.disabled ? enableUser(u.username) : disableUser(u.username));
      onChanged(t(u.disabled ? 'enabled' : 'disabled', { username: u.username }));
    });
  const reset = (u: AdminUser) =>
    act(u, t('confirmReset', { name: u.displayName }), async () => {
      onPassword(await resetPassword(u.username));
    });

  return (
    <>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="users-table-wrap">
        <table className="users-table" data-testid="users-table">
          <caption className="visually-hidden">{t('caption', { count: users.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('col.name')}</th>
              <th scope="col">{t('col.role')}</th>
              <th scope="col">{t('col.scopes')}</th>
              <th scope="col">{t('col.state')}</th>
              <th scope="col">{t('col.lastLogin')}</th>
              <th scope="col">{t('col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <UserRow
                key={u.username}
                user={u}
                options={options}
                self={self}
                busy={busy !== null}
                onEdit={onEdit}
                onToggle={toggle}
                onReset={reset}
              />
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

interface RowProps {
  user: AdminUser;
  options: readonly ScopeOption[];
  self: string | null;
  busy: boolean;
  onEdit(user: AdminUser): void;
  onToggle(user: AdminUser): Promise<void>;
  onReset(user: AdminUser): Promise<void>;
}

/** One user: a table row, or a card on a phone (each cell labelled by data-label). */
function UserRow({ user: u, options, self, busy, onEdit, onToggle, onReset }: RowProps) {
  const { t } = useTranslation('adminUsers');
  const { t: ta } = useTranslation('auth');
  const f = useFormat();
  return (
    <tr data-testid={`user-row-${u.username}`} className={u.disabled ? 'is-disabled' : undefined}>
      <th scope="row" data-label={t('col.name')}>
        <span className="users-name">{u.displayName}</span>
        <span className="muted users-username">{u.username}</span>
      </th>
      <td data-label={t('col.role')}>{ta(`role.${u.role}`)}</td>
      <td data-label={t('col.scopes')}>
        {u.scopes.length ? (
          <ul className="users-scope-list">
            {u.scopes.map((s) => (
              <li key={s}>{scopeLabel(options, s)}</li>
            ))}
          </ul>
        ) : (
          <span className="muted">{t(u.role === 'admin' ? 'noScopeAdmin' : 'wholeCity')}</span>
        )}
      </td>
      <td data-label={t('col.state')}>
        <span className={u.disabled ? 'users-state users-state--off' : 'users-state'}>
          {t(u.disabled ? 'state.disabled' : 'state.active')}
        </span>
      </td>
      <td data-label={t('col.lastLogin')}>
        {u.lastLoginAt === null ? <span className="muted">{t('neverSignedIn')}</span> : f.dateTime(u.lastLoginAt)}
      </td>
      <td data-label={t('col.actions')}>
        <div className="users-actions">
          <button type="button" onClick={() => onEdit(u)} disabled={busy} aria-label={t('editOf', { name: u.displayName })}>
            {t('edit')}
          </button>
          {u.username !== self && (
            <button type="button" onClick={() => void onToggle(u)} disabled={busy} data-testid={`user-toggle-${u.username}`}>
              {t(u.disabled ? 'enable' : 'disable')}
            </button>
          )}
          <button type="button" onClick={() => void onReset(u)} disabled={busy} data-testid={`user-reset-${u.username}`}>
            {t('resetPassword')}
          </button>
        </div>
      </td>
    </tr>
  );
}
