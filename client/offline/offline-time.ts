import { vnParts } from '../lib/format';

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** `HH:MM dd/MM` in Vietnam time (the banner's form); `—` when unknown. */
export function formatOfflineTime(ms: number | null): string {
  if (ms === null || ms <= 0) return '—';
  const p = vnParts(ms);
  return p ? `${pad2(p.hour)}:${pad2(p.minute)} ${pad2(p.day)}/${pad2(p.month)}` : '—';
}
