/**
 * A secret the server shows once (a source key, a display's link with its token): a clear warning, the
 * text selectable, a copy button, and a button to close it once stored. Nothing keeps it after that.
 */
import { useState, type ReactNode } from 'react';

export interface SecretOnceProps {
  title: string;
  warning: string;
  secret: string;
  copyLabel: string;
  copiedLabel: string;
  copyFailedLabel: string;
  doneLabel: string;
  onDone: () => void;
  /** More ways to use it (e.g. a link that opens it). */
  children?: ReactNode;
}

export function SecretOnce(p: SecretOnceProps) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const copy = () => {
    const done = navigator.clipboard?.writeText(p.secret);
    if (!done) return setCopied('failed');
    done.then(
      () => setCopied('yes'),
      () => setCopied('failed'),
    );
  };
  return (
    <section className="admin-secret" role="region" aria-label={p.title} data-testid="secret-once">
      <h3>{p.title}</h3>
      <p className="admin-secret__warning" role="alert">
        <span aria-hidden="true">⚠ </span>
        {p.warning}
      </p>
      <code className="admin-secret__value" data-testid="secret-value">
        {p.secret}
      </code>
      <div className="admin-actions">
        <button type="button" className="admin-primary" onClick={copy}>
          {p.copyLabel}
        </button>
        {p.children}
        <button type="button" onClick={p.onDone} data-testid="secret-done">
          {p.doneLabel}
        </button>
      </div>
      {copied && (
        <p className="muted" aria-live="polite">
          {copied === 'yes' ? p.copiedLabel : p.copyFailedLabel}
        </p>
      )}
    </section>
  );
}
