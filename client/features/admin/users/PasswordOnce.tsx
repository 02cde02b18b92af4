/** A temporary password, shown once after a reset: copy it now, it cannot be shown again. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  username: string;
  password: string;
  onClose(): void;
}

export function PasswordOnce({ username, password, onClose }: Props) {
  const { t } = useTranslation('adminUsers');
  const [copied, setCopied] = useState<boolean | null>(null);
  const copy = () => {
    navigator.clipboard.writeText(password).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <section className="users-password" role="status" aria-live="polite" data-testid="password-once">
      <h2>{t('reset.title', { username })}</h2>
      <p className="users-password__warning">{t('reset.warning')}</p>
      <p className="users-password__value">
        <code data-testid="temporary-password">{password}</code>
      </p>
      <div className="users-form__actions">
        <button type="button" className="btn-primary" onClick={copy}>
          {t('reset.copy')}
        </button>
        <button type="button" onClick={onClose}>
          {t('reset.close')}
        </button>
      </div>
      {copied === true && <p className="muted">{t('reset.copied')}</p>}
      {copied === false && <p className="field-error">{t('reset.copyFailed')}</p>}
    </section>
  );
}
