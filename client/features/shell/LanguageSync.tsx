import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { isLang, storeLang, storedLang } from '../../lib/url-state';
import { useViewParams } from '../../lib/url-state';

/**
 * Keeps i18next, the URL's `?lang=` and the remembered choice in step: the URL wins (a shared
 * link opens in its language and that becomes the remembered choice); without one, a remembered
 * non-default language is written into the URL so the address always reproduces the view.
 */
export function LanguageSync(): null {
  const { i18n } = useTranslation();
  const { searchParams, set } = useViewParams();
  const fromUrl = searchParams.get('lang');

  useEffect(() => {
    if (isLang(fromUrl)) {
      if (i18n.language !== fromUrl) void i18n.changeLanguage(fromUrl);
      if (storedLang() !== fromUrl) storeLang(fromUrl);
      return;
    }
    const remembered = storedLang();
    if (remembered && remembered !== 'vi') set({ lang: remembered });
    else if (i18n.language !== 'vi') void i18n.changeLanguage('vi');
  }, [fromUrl, i18n, set]);

  return null;
}
