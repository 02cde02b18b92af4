/** The unit's explanation (Giải trình): at most 2,000 characters, counted as the server counts them. */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { REQUEST_ANSWER_MAX_CHARS, type RequestView } from '../../../shared/contract/requests';
import { textLength } from '../../../shared/request-state';
import { useFormat } from '../../i18n';
import { answerRequest } from './api';
import { errorText } from '../../api/error-text';

export interface AnswerFormProps {
  request: RequestView;
  onAnswered: (r: RequestView) => void;
  onCancel: () => void;
}

export function AnswerForm({ request, onAnswered, onCancel }: AnswerFormProps) {
  const { t } = useTranslation('requests');
  const f = useFormat();
  const id = useId();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const n = textLength(text.trim());
  const tooLong = n > REQUEST_ANSWER_MAX_CHARS;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (n === 0) return setError(t('answer.empty'));
    if (tooLong) return setError(t('answer.tooLong', { max: f.count(REQUEST_ANSWER_MAX_CHARS), n: f.count(n) }));
    setBusy(true);
    setError(null);
    try {
      onAnswered(await answerRequest(request.id, text));
    } catch (err) {
      setError(t('answer.failed', { message: errorText(err) }));
      setBusy(false);
    }
  };

  return (
    <form className="rq-answer" onSubmit={(e) => void submit(e)} data-testid={`answer-form-${request.id}`}>
      <label htmlFor={`${id}-text`}>{t('answer.label')}</label>
      <textarea
        id={`${id}-text`}
        value={text}
        rows={5}
        onChange={(e) => setText(e.target.value)}
        aria-describedby={`${id}-count`}
        aria-invalid={tooLong || undefined}
        data-testid="answer-text"
      />
      <p id={`${id}-count`} className={`rq-answer__count${tooLong ? ' text-danger' : ''}`} aria-live="polite">
        {t('answer.counter', { n: f.count(n), max: f.count(REQUEST_ANSWER_MAX_CHARS) })}
      </p>
      {error && (
        <p className="rq-form__error" role="alert">
          {error}
        </p>
      )}
      <div className="rq-form__actions">
        <button type="submit" className="btn" disabled={busy} data-testid="answer-submit">
          {busy ? t('answer.sending') : t('answer.submit')}
        </button>
        <button type="button" className="btn btn--ghost" onClick={onCancel}>
          {t('answer.cancel')}
        </button>
      </div>
    </form>
  );
}
