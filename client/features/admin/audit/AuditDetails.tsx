/** An audit entry's details as a short definition list (lists joined, nothing as raw JSON). */
export function detailValue(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (Array.isArray(v)) return v.map(detailValue).join(', ');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

export function AuditDetails({ details }: { details: Record<string, unknown> | null }) {
  if (!details) return <span className="muted">—</span>;
  return (
    <dl className="admin-details">
      {Object.entries(details).map(([k, v]) => (
        <div key={k} style={{ display: 'contents' }}>
          <dt>{k}</dt>
          <dd>{detailValue(v)}</dd>
        </div>
      ))}
    </dl>
  );
}
