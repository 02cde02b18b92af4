/**
 * An official's reminders and explanation requests (Nhắc nhở, Yêu cầu giải trình) of the period: those
 * sent while they held the dossier (the holder stored when sent: the officials list counts them so),
 * each with its kind, state (sent, read, answered, overdue) and the answer. The unit they went to
 * marks them read and answers them here as on its own page.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestKind, RequestStateFilter, RequestView } from '../../../shared/contract/requests';
import { mergeRequest } from '../requests/requests-model';
import { RequestList } from '../requests/RequestList';
import { useServerNow, useViewer } from '../requests/use-viewer';
import '../requests/requests.css';

/** Where each kind's section is on the page: the officials list's figures link here. */
export const REQUEST_SECTION: Record<RequestKind, string> = { reminder: 'reminders', explanation: 'explanations' };

export function OfficialRequests({ requests, hidden }: { requests: readonly RequestView[]; hidden: number }) {
  // Answered or read here: the card shows the new state without a reload.
  const [items, setItems] = useState(requests);
  const apply = (r: RequestView) => setItems((list) => mergeRequest(list, r));
  return (
    <>
      <KindSection kind="reminder" items={items.filter((r) => r.kind === 'reminder')} onChange={apply} />
      <KindSection kind="explanation" items={items.filter((r) => r.kind === 'explanation')} onChange={apply} />
      {hidden > 0 && <HiddenNote hidden={hidden} />}
    </>
  );
}

function KindSection({ kind, items, onChange }: { kind: RequestKind; items: RequestView[]; onChange: (r: RequestView) => void }) {
  const { t } = useTranslation('officials');
  const viewer = useViewer();
  const now = useServerNow();
  const [filter, setFilter] = useState<RequestStateFilter | null>(null);
  const id = REQUEST_SECTION[kind];
  return (
    <section className="block" id={id} aria-labelledby={`${id}-title`} tabIndex={-1} data-testid={`official-${id}`}>
      <h2 id={`${id}-title`}>{t(`requests.${kind}.title`)}</h2>
      <p className="hint">{t('requests.hint')}</p>
      <RequestList
        items={items}
        viewer={viewer}
        now={now}
        filter={filter}
        onFilter={setFilter}
        onChange={onChange}
        empty={t(`requests.${kind}.empty`)}
        emptyFilter={t('requests.emptyFilter')}
      />
    </section>
  );
}

function HiddenNote({ hidden }: { hidden: number }) {
  const { t } = useTranslation('officials');
  return <p className="hint">{t('requests.hidden', { count: hidden })}</p>;
}
