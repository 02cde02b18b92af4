/**
 * An official's buck-passing cases (đùn đẩy): the buck-passing list narrowed to them, over the page's
 * period — the city's list for a city-wide user, their own unit's or department's otherwise — each
 * case opening the dossier's timeline with its cycle highlighted.
 */
import { useTranslation } from 'react-i18next';
import { BuckPassingList } from '../buck-passing/BuckPassingList';
import { useSession } from '../auth/session';
import { homeCode } from './url';

export function OfficialCases({ id, name }: { id: string; name: string }) {
  const { t } = useTranslation('officials');
  const session = useSession();
  const home = session.me.capabilities.home;
  return (
    <section className="block" id="cases" aria-labelledby="official-cases-title" tabIndex={-1} data-testid="official-cases">
      <h2 id="official-cases-title">{t('cases.title', { name })}</h2>
      <p className="hint">{t('cases.hint')}</p>
      {/* Which list is the user's is known once the session is: a bound user may not filter the city's by name. */}
      {session.loaded && <BuckPassingList code={homeCode(home)} prefix="bp" official={id} />}
    </section>
  );
}
