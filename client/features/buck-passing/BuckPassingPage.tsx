/**
 * The city's buck-passing cases (`/buck-passing`): what the rules are, then every case whose last
 * hand-over fell in the period, each with a link to its evidence. Units and departments have the
 * same list on their own page. Narrowed to one official (`?official=`, from the officials list), a
 * user bound to a unit or department sees their own scope's list: officials' names stay within it.
 */
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { BuckPassingListResponse } from '../../../shared/contract/buck-passing';
import { CITY_CODE } from '../../api';
import { useSession } from '../auth/session';
import { BuckPassingList } from './BuckPassingList';
import { RulesExplained } from './RulesExplained';
import '../unit/drill.css';

export function BuckPassingPage() {
  const { t } = useTranslation('buckPassing');
  const [passAround, setPassAround] = useState<BuckPassingListResponse['passAround'] | null>(null);
  const [params] = useSearchParams();
  const session = useSession();
  const home = session.me.capabilities.home;
  const official = params.get('official');
  const code = official && home && home !== 'city' ? home.slice(home.indexOf(':') + 1) : CITY_CODE;
  return (
    <div className="drill-page bp-page phone-ready" data-testid="buck-passing-page">
      <header className="page-head">
        <h1>{t('title')}</h1>
        <p className="page-meta">{t('intro')}</p>
      </header>
      <RulesExplained passAround={passAround} />
      <section className="block" aria-label={t('caption')}>
        {(session.loaded || !official) && <BuckPassingList code={code} onData={(d) => setPassAround(d.passAround)} />}
      </section>
    </div>
  );
}
