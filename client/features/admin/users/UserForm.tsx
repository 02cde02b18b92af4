/**
 * Creating a user, or changing one's name, role and units. The server checks everything; its
 * reasons are shown next to the field they name.
 */
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api';
import { USER_ROLES, type UserRole } from '../../../../shared/contract/roles';
import { changeUser, createUser, type AdminUser } from './api';
import { reasonKey, splitFieldErrors, type FieldErrors, type UserField } from './field-errors';
import { isProvinceOption, type ScopeOption } from './scope-names';
import { ScopePicker } from './ScopePicker';
import { errorText } from '../../../api/error-text';

const BOUND: readonly UserRole[] = ['unit_leader', 'department'];
/** Roles that may be bound to provinces in a national pack (none: the whole country). */
const PROVINCE_ROLES: readonly UserRole[] = ['city_leader', 'supervisor'];
const NO_ERRORS: FieldErrors = { fields: {}, general: [] };

interface Props {
  /** The user being changed; absent: a new user. */
  user?: AdminUser;
  options: readonly ScopeOption[];
  onDone(saved: AdminUser): void;
  onCancel(): void;
}

/** The form's values, and sending them: the server's reasons come back split by field. */
function useUserForm(user: AdminUser | undefined, onDone: (saved: AdminUser) => void, hasProvinces: boolean) {
  const { t } = useTranslation('adminUsers');
  const [username, setUsername] = useState(user?.username ?? '');
  const [displayName, setDisplayName] = useState(user?.displayName ?? '');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<UserRole>(user?.role ?? 'unit_leader');
  const [scopes, setScopes] = useState<string[]>(user?.scopes ?? []);
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const bound = BOUND.includes(role);
  const byProvince = hasProvinces && PROVINCE_ROLES.includes(role);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      const heldScopes = bound
        ? scopes.filter((s) => !s.startsWith('province:'))
        : byProvince
          ? scopes.filter((s) => s.startsWith('province:'))
          : [];
      const saved = user
        ? await changeUser(user.username, { displayName, role, scopes: heldScopes })
        : await createUser({ username, password, displayName, role, scopes: heldScopes });
      onDone(saved);
    } catch (err) {
      setErrors(
        // A form's own fields answer in place; any other refusal (a taken name, no permission) in words.
        err instanceof ApiError && (err.code === 'invalid_user' || err.code === 'invalid_body')
          ? splitFieldErrors(err.message)
          : { fields: {}, general: [err instanceof ApiError ? errorText(err) : t('error')] },
      );
    } finally {
      setBusy(false);
    }
  };
  const values = { username, displayName, password, role, scopes };
  const set = { username: setUsername, displayName: setDisplayName, password: setPassword, role: setRole, scopes: setScopes };
  return { values, set, errors, busy, bound, byProvince, submit };
}

export function UserForm({ user, options, onDone, onCancel }: Props) {
  const { t } = useTranslation('adminUsers');
  const { t: ta } = useTranslation('auth');
  const id = useId();
  const provinces = options.filter(isProvinceOption);
  const { values, set, errors, busy, bound, byProvince, submit } = useUserForm(user, onDone, provinces.length > 0);
  const { role, scopes } = values;
  const reason = (name: UserField): string | undefined => {
    const raw = errors.fields[name];
    const known = raw === undefined ? null : reasonKey(name, raw);
    return known ? t(`reason.${known.key}`, known.values) : raw;
  };
  const field = (name: UserField, label: string, input: ReactNode, hint?: string) => (
    <Field id={`${id}-${name}`} label={label} input={input} hint={hint} error={reason(name)} />
  );
  const describedBy = (name: UserField) => (errors.fields[name] ? `${id}-${name}-err` : undefined);
  const text = (name: 'username' | 'displayName' | 'password', extra: { type?: string; autoComplete?: string } = {}) =>
    field(
      name,
      t(`form.${name}`),
      <input
        id={`${id}-${name}`}
        name={name}
        value={values[name]}
        onChange={(e) => set[name](e.target.value)}
        aria-describedby={describedBy(name)}
        {...extra}
      />,
      name === 'displayName' ? undefined : t(`form.${name}Hint`),
    );

  return (
    <form className="users-form" onSubmit={(e) => void submit(e)} data-testid={user ? 'user-edit-form' : 'user-create-form'} noValidate>
      <h2>{user ? t('form.editTitle', { name: user.displayName }) : t('form.createTitle')}</h2>
      {errors.general.map((g) => (
        <p key={g} className="field-error" role="alert">
          {g}
        </p>
      ))}
      {!user && text('username', { autoComplete: 'off' })}
      {text('displayName')}
      {!user && text('password', { type: 'password', autoComplete: 'new-password' })}
      {field(
        'role',
        t('form.role'),
        <select
          id={`${id}-role`}
          name="role"
          value={role}
          onChange={(e) => set.role(e.target.value as UserRole)}
          aria-describedby={describedBy('role')}
        >
          {USER_ROLES.map((r) => (
            <option key={r} value={r}>
              {ta(`role.${r}`)}
            </option>
          ))}
        </select>,
      )}
      {bound || byProvince ? (
        <ScopePicker
          options={byProvince ? provinces : options.filter((o) => !isProvinceOption(o))}
          value={scopes.filter((s) => s.startsWith('province:') === byProvince)}
          onChange={set.scopes}
          error={reason('scopes')}
          provinces={byProvince}
        />
      ) : (
        <p className="hint">{t(role === 'admin' ? 'form.adminNoScope' : 'form.cityWide')}</p>
      )}
      <div className="users-form__actions">
        <button type="submit" className="btn-primary" disabled={busy}>
          {user ? t('form.save') : t('form.create')}
        </button>
        <button type="button" onClick={onCancel} disabled={busy}>
          {t('form.cancel')}
        </button>
      </div>
    </form>
  );
}

/** A labelled input with its hint and the server's reason for it (the input carries `${id}` and aria-describedby `${id}-err`). */
function Field({ id, label, input, hint, error }: { id: string; label: string; input: ReactNode; hint?: string; error?: string }) {
  return (
    <div className="users-field">
      <label htmlFor={id}>{label}</label>
      {input}
      {hint && <p className="hint">{hint}</p>}
      {error && (
        <p id={`${id}-err`} className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
