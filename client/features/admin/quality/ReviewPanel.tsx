/**
 * Fix and replay, or dismiss: a JSON editor checked as it is typed (nothing is sent until it parses),
 * the server's answer next to it (accepted, already in the log, or the new errors), and a dismiss
 * with its required note.
 */
import { useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { FieldError } from '../../../../shared/contract/errors';
import type { QuarantineRecord, ReplayOutcome } from '../../../../shared/contract/quarantine';
import { dismissRecord, replayRecord } from './api';
import { ErrorTable } from './ErrorTable';
import { pretty } from './RecordCard';
import { errorText } from '../../../api/error-text';

type Parsed = { ok: true; value: unknown } | { ok: false; message: string };

function parse(text: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}

/** onChanged: the record changed (replayed or dismissed); the notice says how, for the list that reloads. */
export function ReviewPanel({ record, onChanged }: { record: QuarantineRecord; onChanged: (notice: string) => void }) {
  const { t } = useTranslation('adminQuality');
  const [text, setText] = useState(() => pretty(record.replayedRaw ?? record.raw));
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<ReplayOutcome | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const parsed = parse(text);
  const id = `aq-editor-${record.id}`;

  const replay = async () => {
    if (!parsed.ok) return;
    setBusy(true);
    setFailure(null);
    try {
      const a = await replayRecord(record.id, parsed.value);
      setAnswer(a);
      if (a.outcome !== 'rejected') onChanged(outcomeText(t, a.outcome, a.eventIds));
    } catch (e) {
      setFailure(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="aq-panel" data-testid="aq-panel">
      <label htmlFor={id}>{t('editor.label')}</label>
      <textarea
        id={id}
        className="aq-editor"
        spellCheck={false}
        value={text}
        rows={Math.min(24, Math.max(8, text.split('\n').length + 1))}
        aria-invalid={!parsed.ok}
        aria-describedby={`${id}-syntax`}
        onChange={(e) => setText(e.target.value)}
        data-testid="aq-editor"
      />
      <p id={`${id}-syntax`} className={parsed.ok ? 'aq-syntax aq-syntax--ok' : 'aq-syntax aq-syntax--bad'} data-testid="aq-syntax">
        {parsed.ok ? t('editor.syntaxOk') : t('editor.syntaxError', { message: parsed.message })}
      </p>
      <p className="muted">{t('editor.asSource', { source: record.source ?? '—' })}</p>
      <button type="button" className="btn aq-primary" disabled={!parsed.ok || busy} onClick={() => void replay()} data-testid="aq-replay">
        {busy ? t('editor.sending') : t('editor.replay')}
      </button>
      <ReplayAnswer answer={answer} failure={failure} />
      {record.state === 'open' && <DismissForm record={record} onChanged={onChanged} />}
    </div>
  );
}

function ReplayAnswer({ answer, failure }: { answer: ReplayOutcome | null; failure: string | null }) {
  const { t } = useTranslation('adminQuality');
  if (failure) return <p role="alert">{failure}</p>;
  if (!answer) return null;
  if (answer.outcome === 'rejected') return <RejectedAgain errors={answer.errors} />;
  const text = outcomeText(t, answer.outcome, answer.eventIds);
  return (
    <p role="status" className="aq-answer aq-answer--ok" data-testid="aq-answer" data-outcome={answer.outcome}>
      {text}
    </p>
  );
}

function outcomeText(t: TFunction<'adminQuality'>, outcome: 'accepted' | 'duplicate', eventIds: string[]): string {
  const ids = eventIds.join(', ');
  if (outcome === 'duplicate') return t('editor.duplicate', { ids });
  return ids ? t('editor.accepted', { ids }) : t('editor.acceptedNone');
}

function RejectedAgain({ errors }: { errors: FieldError[] }) {
  const { t } = useTranslation('adminQuality');
  return (
    <div role="alert" className="aq-answer aq-answer--bad" data-testid="aq-answer" data-outcome="rejected">
      <p>{t('editor.rejected')}</p>
      <ErrorTable errors={errors} testId="aq-new-errors" />
    </div>
  );
}

function DismissForm({ record, onChanged }: { record: QuarantineRecord; onChanged: (notice: string) => void }) {
  const { t } = useTranslation('adminQuality');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = `aq-note-${record.id}`;
  const dismiss = async () => {
    if (!note.trim()) return setError(t('dismiss.noteRequired'));
    setBusy(true);
    setError(null);
    try {
      await dismissRecord(record.id, note.trim());
      onChanged(t('dismiss.done'));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="aq-dismiss">
      <label htmlFor={id}>{t('dismiss.note')}</label>
      <textarea id={id} rows={2} value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} data-testid="aq-note" />
      {error && <p role="alert">{error}</p>}
      <button type="button" className="btn btn--ghost" disabled={busy} onClick={() => void dismiss()} data-testid="aq-dismiss">
        {t('dismiss.button')}
      </button>
    </div>
  );
}
