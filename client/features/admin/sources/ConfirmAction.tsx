/** A button that asks before it acts: the question and its two answers appear in place of the button. */
import { useState } from 'react';

export interface ConfirmActionProps {
  label: string;
  question: string;
  yes: string;
  no: string;
  onConfirm: () => void | Promise<void>;
  disabled?: boolean;
  testId?: string;
}

export function ConfirmAction({ label, question, yes, no, onConfirm, disabled, testId }: ConfirmActionProps) {
  const [asking, setAsking] = useState(false);
  if (!asking)
    return (
      <button type="button" className="admin-danger" onClick={() => setAsking(true)} disabled={disabled} data-testid={testId}>
        {label}
      </button>
    );
  return (
    <div role="alertdialog" aria-label={question} className="admin-confirm">
      <p>{question}</p>
      <button
        type="button"
        className="admin-danger admin-danger--filled"
        data-testid={testId ? `${testId}-yes` : undefined}
        onClick={() => {
          setAsking(false);
          void onConfirm();
        }}
      >
        {yes}
      </button>
      <button type="button" onClick={() => setAsking(false)} autoFocus>
        {no}
      </button>
    </div>
  );
}
