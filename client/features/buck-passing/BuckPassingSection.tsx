/** The buck-passing cases of a unit's or department's page: its dossiers' cases and those its staff were in. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BuckPassingListResponse } from '../../../shared/contract/buck-passing';
import { BuckPassingList } from './BuckPassingList';
import { RulesExplained } from './RulesExplained';

export function BuckPassingSection({ code }: { code: string }) {
  const { t } = useTranslation('buckPassing');
  const [passAround, setPassAround] = useState<BuckPassingListResponse['passAround'] | null>(null);
  return (
    <section className="block" aria-labelledby="unit-buck-passing-title" data-testid="unit-buck-passing">
      <h2 id="unit-buck-passing-title">{t('sectionTitle')}</h2>
      <RulesExplained passAround={passAround} />
      <BuckPassingList code={code} prefix="bp" onData={(d) => setPassAround(d.passAround)} />
    </section>
  );
}
