/**
 * The city's buck-passing cases (`/buck-passing`): what the rules are, then every case whose last
 * hand-over fell in the period, each with a link to its evidence. Units and departments have the
 * same list on their own page.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BuckPassingListResponse } from '../../../shared/contract/buck-passing';
import { CITY_CODE } from '../../api';
import { BuckPassingList } from './BuckPassingList';
import { RulesExplained } from './RulesExplained';
import '../unit/drill.css';

export function BuckPassingPage() {
  const { t } = useTranslation('buckPassing');
  const [passAround, setPassAround] = useState<BuckPassingListResponse['passAround'] | null>(null);
  return (
    <div className="drill-page bp-page phone-ready" data-testid="buck-passing-page">
      <header className="page-head">
        <h1>{t('title')}</h1>
        <p className="page-meta">{t('intro')}</p>
      </header>
      <RulesExplained passAround={passAround} />
      <section className="block" aria-label={t('caption')}>
        <BuckPassingList code={CITY_CODE} onData={(d) => setPassAround(d.passAround)} />
      </section>
    </div>
  );
}
