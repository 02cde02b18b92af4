/** Runs one admin change at a time: busy while it runs, then its message (or the server's reason) and a reload. */
import { useState, type ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { errorText } from '../../../api/error-text';

export function useAdminAction(t: TFunction, reload: () => void) {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const run = async (act: () => Promise<string | void>): Promise<void> => {
    setBusy(true);
    setResult(null);
    try {
      const text = await act();
      if (text) setResult({ ok: true, text });
      reload();
    } catch (e) {
      setResult({ ok: false, text: t('failed', { message: errorText(e) }) });
    } finally {
      setBusy(false);
    }
  };
  const message: ReactNode = result ? (
    <p role={result.ok ? 'status' : 'alert'} className={result.ok ? 'admin-ok' : 'load-error'} data-testid="admin-message">
      {result.text}
    </p>
  ) : null;
  return { busy, run, message };
}
