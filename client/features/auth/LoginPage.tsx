/** `/login`: username and password; back to where the visitor came from (`?next=`), or to their home scope. */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { homePath, login, safeNext } from './session';
import './auth.css';

export function LoginPage() {
  const { t } = useTranslation('auth');
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const id = useId();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const title = t('title');
  useEffect(() => {
    document.title = title;
  }, [title]);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const r = await login(username, password);
    setBusy(false);
    if (!r.ok) {
      setPassword('');
      setError(
        r.reason === 'locked'
          ? t('locked', { minutes: Math.max(1, Math.ceil((r.retryAfterSeconds ?? 60) / 60)) })
          : r.reason === 'invalid'
            ? t('invalid')
            : t('network'),
      );
      return;
    }
    const next = params.get('next');
    const home = r.me.capabilities.home;
    const fallback = homePath(home);
    navigate(next ? safeNext(next) : fallback, { replace: true });
  };

  return (
    <section className="panel login" data-testid="login-page" aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{title}</h1>
      <p className="muted">{t('intro')}</p>
      <form onSubmit={(e) => void onSubmit(e)} className="login__form">
        <label htmlFor={`${id}-user`}>{t('username')}</label>
        <input
          id={`${id}-user`}
          name="username"
          autoComplete="username"
          required
          maxLength={64}
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          data-testid="login-username"
        />
        <label htmlFor={`${id}-password`}>{t('password')}</label>
        <input
          id={`${id}-password`}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          maxLength={256}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          data-testid="login-password"
        />
        {error && (
          <p role="alert" className="login__error" data-testid="login-error">
            {error}
          </p>
        )}
        <button type="submit" className="btn" disabled={busy} data-testid="login-submit">
          {busy ? t('signingIn') : t('signIn')}
        </button>
      </form>
    </section>
  );
}
