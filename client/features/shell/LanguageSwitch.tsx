import { useTranslation } from 'react-i18next';
import type { Lang } from '../../lib/format';
import { LANGS, storeLang, useViewParams } from '../../lib/url-state';

/** VI / EN buttons; the choice goes into the URL and is remembered in this browser. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const { lang, set } = useViewParams();
  const choose = (l: Lang): void => {
    storeLang(l);
    set({ lang: l });
  };
  return (
    <div className="seg seg--dark" role="group" aria-label={t('lang.label')} data-testid="lang-switch">
      {LANGS.map((l) => (
        <button
          key={l}
          type="button"
          className="seg__btn"
          aria-pressed={lang === l}
          lang={l}
          title={t(`lang.${l}Name`)}
          onClick={() => choose(l)}
          data-lang={l}
        >
          {t(`lang.${l}`)}
        </button>
      ))}
    </div>
  );
}
