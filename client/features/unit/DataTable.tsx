/**
 * A table whose column headers sort it (click or Enter/Space on the header button), announcing the
 * sort with aria-sort. It draws rows as given: sorting happens in the caller (client or server).
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ariaSort } from './sorting';
import type { SortDir, SortState } from './sorting';

export interface Column<T> {
  key: string;
  header: string;
  cell: (row: T) => ReactNode;
  /** Default true. */
  sortable?: boolean;
  /** Right-aligned, tabular figures; first click sorts descending (largest first). */
  numeric?: boolean;
  /** Direction of the first click on this header (default: desc for numeric, asc otherwise). */
  firstDir?: SortDir;
}

export interface DataTableProps<T> {
  caption: string;
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  sort: SortState;
  onSort: (key: string, firstDir: SortDir) => void;
  /** Text when there are no rows. */
  empty: string;
  rowTestId?: (row: T) => string;
  rowClassName?: (row: T) => string | undefined;
  /** Set while a new page or sort is loading (rows shown are the previous ones). */
  busy?: boolean;
  testId?: string;
  /** Visually hide the caption (when a heading already names the table). */
  hideCaption?: boolean;
  /** On a phone, each row becomes a card with its cells labelled (lists); otherwise the table scrolls in its frame. */
  cards?: boolean;
}

function SortIcon({ state }: { state: 'ascending' | 'descending' | 'none' }) {
  const glyph = state === 'ascending' ? '▲' : state === 'descending' ? '▼' : '↕';
  return (
    <span className="dt-sort-icon" aria-hidden="true">
      {glyph}
    </span>
  );
}

export function DataTable<T>(props: DataTableProps<T>) {
  const { t } = useTranslation('unit');
  const { columns, rows, sort, onSort } = props;
  return (
    <div className="dt-wrap" role="region" aria-label={props.caption} tabIndex={0}>
      <table className={props.cards ? 'dt dt--cards' : 'dt'} data-testid={props.testId} aria-busy={props.busy || undefined}>
        <caption className={props.hideCaption ? 'visually-hidden' : undefined}>{props.caption}</caption>
        <thead>
          <tr>
            {columns.map((col) => {
              const state = ariaSort(sort, col.key);
              const sortable = col.sortable !== false;
              return (
                <th key={col.key} scope="col" aria-sort={sortable ? state : undefined} className={col.numeric ? 'dt-num' : undefined}>
                  {sortable ? (
                    <button
                      type="button"
                      className="dt-sort"
                      title={t('table.sortBy', { column: col.header })}
                      onClick={() => onSort(col.key, col.firstDir ?? (col.numeric ? 'desc' : 'asc'))}
                    >
                      {col.header}
                      <SortIcon state={state} />
                    </button>
                  ) : (
                    col.header
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="dt-empty">
                {props.empty}
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={props.rowKey(row)} data-testid={props.rowTestId?.(row)} className={props.rowClassName?.(row)}>
                {columns.map((col) => (
                  <td key={col.key} className={col.numeric ? 'dt-num' : undefined} data-label={col.header}>
                    {col.cell(row)}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
