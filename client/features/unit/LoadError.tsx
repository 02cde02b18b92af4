/** The error state of a failed load, with a retry button. */
import { useTranslation } from 'react-i18next';

export interface LoadErrorProps {
  error: unknown;
  onRetry?: () => void;
  /** Overrides the generic message (e.g. "not found"). */
  message?: string;
}

export function LoadError({ onRetry, message }: LoadErrorProps) {
  const { t } = useTranslation('unit');
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
