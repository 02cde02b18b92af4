/**
 * One click to remind a unit or ask it to explain, with the item filled in:
 * `<SendRequest subject={{ type: 'dossier', id }} />` on a late dossier's row, the dossier page, the
 * task page, a unit's backlog, a buck-passing case or an at-risk item. Shown only to those who may
 * send about that kind of subject; the form opens in a dialog.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestKind, RequestView } from '../../../shared/contract/requests';
import { useSession } from '../auth/session';
import { mayOfferRequest } from './offer';
import type { SubjectRef } from './requests-model';
import { SendRequestForm } from './SendRequestForm';
import './requests.css';

export interface SendRequestProps {
  /** What the request is about (and, for a case, its unit and dossier). */
  subject: SubjectRef;
  /** The kind selected when the form opens (default: an explanation request). */
  defaultKind?: RequestKind;
  /** A smaller button, for table rows. */
  compact?: boolean;
  /** Called with the request once the server has it. */
  onSent?: (r: RequestView) => void;
}

export function SendRequest({ subject, defaultKind = 'explanation', compact = false, onSent }: SendRequestProps) {
  const { t } = useTranslation('requests');
  const { me } = useSession();
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  if (!me.user || !mayOfferRequest(me.capabilities, subject)) return null;
  const about = t(`inline.${subject.type}`, {
    id: subject.id,
    dossierId: subject.dossierId ?? subject.id,
    title: subject.title ?? subject.id,
  });

  return (
    <span className="rq-send" data-testid={`send-request-${subject.type}-${subject.id}`}>
      <button
        type="button"
        className={`btn btn--ghost rq-send__button${compact ? ' rq-send__button--compact' : ''}`}
        aria-haspopup="dialog"
        title={t('send.buttonFor', { about })}
        aria-label={compact ? t('send.buttonFor', { about }) : undefined}
        onClick={() => {
          setDone(null);
          setOpen(true);
        }}
      >
        <span aria-hidden="true">✉</span> {t('send.button')}
      </button>
      {done && (
        <span className="rq-send__done" role="status">
          ✓ {done}
        </span>
      )}
      {open && (
        <SendRequestForm
          subject={subject}
          defaultKind={defaultKind}
          onClose={() => setOpen(false)}
          onSent={(r) => {
            setOpen(false);
            setDone(t(`send.sent.${r.kind}`, { unit: r.unitName }));
            onSent?.(r);
          }}
        />
      )}
    </span>
  );
}
