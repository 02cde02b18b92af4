/** Full-screen states of the wall: refused token, loading, a scene being recovered. */
import { useTranslation } from 'react-i18next';

export function InvalidTokenScreen({ name }: { name: string | null }) {
  const { t } = useTranslation('wall');
  const { t: tc } = useTranslation();
  return (
    <div className="wall wall--message" data-testid="wall-invalid-token" role="alert">
      <div className="wall-message">
        <div className="wall-message__app">{tc('appTitle')}</div>
        <h1 className="wall-message__title">{t('invalidToken.title')}</h1>
        <p className="wall-message__body">{t('invalidToken.body')}</p>
        <p className="wall-message__body">
          {t('invalidToken.howTo')}
          <code className="wall-message__code">{t('invalidToken.command')}</code>
          {t('invalidToken.then')}
          <code className="wall-message__code">{t('invalidToken.url')}</code>
        </p>
        {name && <p className="wall-message__name">{t('invalidToken.name', { name })}</p>}
      </div>
    </div>
  );
}

export function WallSplash() {
  const { t } = useTranslation('wall');
  const { t: tc } = useTranslation();
  return (
    <div className="wall wall--message" data-testid="wall-loading" role="status">
      <div className="wall-message">
        <div className="wall-message__app">{tc('appTitle')}</div>
        <p className="wall-message__body">{t('loading')}</p>
      </div>
    </div>
  );
}

export function Recovering() {
  const { t } = useTranslation('wall');
  return (
    <div className="wall-recovering" role="status" data-testid="wall-recovering">
      {t('recovering')}
    </div>
  );
}
