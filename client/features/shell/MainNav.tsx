/** The app's pages in the header: the overview and the city-wide views (buck-passing…). Links keep the view (period, language). */
import { NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useViewParams } from '../../lib/url-state';

export function MainNav() {
  const { t } = useTranslation();
  const { linkTo } = useViewParams();
  return (
    <nav className="main-nav" aria-label={t('nav.label')}>
      <NavLink to={linkTo('/')} end className="main-nav__link">
        {t('nav.overview')}
      </NavLink>
      <NavLink to={linkTo('/buck-passing')} className="main-nav__link" data-testid="nav-buck-passing">
        {t('nav.buckPassing')}
      </NavLink>
    </nav>
  );
}
