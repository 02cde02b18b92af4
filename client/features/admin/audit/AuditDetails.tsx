/**
 * An audit entry's details as a short definition list: known keys in words, durations (`…Ms`) in
 * minutes or seconds, yes/no for booleans, lists joined; an unknown key keeps its name. Never raw JSON
 * unless a value is itself an object.
 */
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../i18n';
import type { Formatters } from '../../../lib/format';

type T = (key: string, o?: Record<string, unknown>) => string;

export function detailValue(key: string, v: unknown, t: T, fmt: Formatters): string {
  if (v === null || v === undefined) return '—';
  if (Array.isArray(v)) return v.map((x) => detailValue('', x, t, fmt)).join(', ');
  if (typeof v === 'boolean') return t(v ? 'detailYes' : 'detailNo');
  if (typeof v === 'number' && key.endsWith('Ms'))
    return v % 60_000 === 0 ? t('detailMinutes', { n: fmt.count(v / 60_000) }) : t('detailSeconds', { n: fmt.number(v / 1000, 1) });
  if (typeof v === 'number') return fmt.number(v, 3);
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

export function AuditDetails({ details }: { details: Record<string, unknown> | null }) {
  const { t } = useTranslation('adminAudit');
  const fmt = useFormat();
  if (!details) return <span className="muted">—</span>;
  return (
    <dl className="admin-details">
      {Object.entries(details).map(([k, v]) => (
        <div key={k} style={{ display: 'contents' }}>
          <dt title={k}>{t(`detail.${k}`, { defaultValue: k })}</dt>
          <dd>{detailValue(k, v, t, fmt)}</dd>
        </div>
      ))}
    </dl>
  );
}
