/** The header's sign-in state: who is signed in, in which role, and "Đăng xuất"; or "Đăng nhập". */
import { Link, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useViewParams } from '../../lib/url-state';
import { logout, useSession } from './session';
import { useJurisdiction } from '../../api';
import { useLang } from '../../i18n';
import { roleLabel } from './role-label';

export function UserMenu() {
  const { t } = useTranslation('auth');
  const { me, loaded } = useSession();
  const { linkTo } = useViewParams();
  const location = useLocation();
  const navigate = useNavigate();
  const provinces = useJurisdiction().data?.provinces;
  const lang = useLang();
  if (!loaded) return null;
  if (!me.user) {
    if (location.pathname === '/login') return null;
    const next = `${location.pathname}${location.search}`;
    return (
      <Link className="user-menu__login" data-testid="login-link" to={`/login?next=${encodeURIComponent(next)}`}>
        {t('signIn')}
      </Link>
    );
  }
  const role = roleLabel(me.user, provinces, lang);
  return (
    <div className="user-menu" data-testid="user-menu">
      <span className="user-menu__who">
        <span className="user-menu__name" data-testid="user-name">
          {me.user.displayName}
        </span>
        <span className="user-menu__role" data-testid="user-role">
          {t(role.key, role.values)}
        </span>
      </span>
      <button
        type="button"
        className="user-menu__logout"
        data-testid="logout"
        onClick={() => void logout().then(() => navigate(linkTo('/')))}
      >
        {t('signOut')}
      </button>
    </div>
  );
}
