/** A table of the admin tabs: scrolls inside itself on a wide screen, becomes cards on a phone (admin-ops.css). */
import type { ReactNode } from 'react';

export interface AdminTableProps {
  headers: readonly string[];
  busy: boolean;
  /** The sentence shown when there is no row (only once loaded). */
  empty: string | null;
  children: ReactNode;
}

export function AdminTable({ headers, busy, empty, children }: AdminTableProps) {
  return (
    <div className="dt-wrap">
      <table className="dt admin-table" aria-busy={busy}>
        <thead>
          <tr>
            {headers.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {empty !== null && (
            <tr>
              <td colSpan={headers.length} className="dt-empty">
                {empty}
              </td>
            </tr>
          )}
          {children}
        </tbody>
      </table>
    </div>
  );
}
