/** The error state of a failed load, with a retry button; a refusal asks to sign in (401) or says the role may not (403). */
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api';

export interface LoadErrorProps {
  error: unknown;
  onRetry?: () => void;
  /** Overrides the generic message (e.g. "not found"). */
  message?: string;
}

export function LoadError({ error, onRetry, message }: LoadErrorProps) {
  const { t } = useTranslation('unit');
  if (error instanceof ApiError && (error.isLoginRequired || error.isForbidden))
    return <AccessRefused loginRequired={error.isLoginRequired} />;
  return (
    <div role="alert" className="load-error">
      <p>{message ?? t('error')}</p>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('retry')}
        </button>
      )}
    </div>
  );
}

/** What a refused view shows: a sign-in link for the public, a plain statement for a signed-in role. */
export function AccessRefused({ loginRequired }: { loginRequired: boolean }) {
  const { t } = useTranslation('auth');
  const location = useLocation();
  const next = encodeURIComponent(`${location.pathname}${location.search}`);
  return (
    <div role="alert" className="load-error login-needed" data-testid={loginRequired ? 'login-required' : 'access-forbidden'}>
      <p>{loginRequired ? t('loginRequired') : t('forbidden')}</p>
      {loginRequired && (
        <p>
          <Link to={`/login?next=${next}`}>{t('signInToSee')}</Link>
        </p>
      )}
    </div>
  );
}
