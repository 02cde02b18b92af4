import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useViewParams } from '../../lib/url-state';

export function NotFound() {
  const { t } = useTranslation();
  const { linkTo } = useViewParams();
  return (
    <section className="panel panel--message">
      <h1>{t('error.notFound')}</h1>
      <p>
        <Link to={linkTo('/')}>{t('error.backHome')}</Link>
      </p>
    </section>
  );
}
