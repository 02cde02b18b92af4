/** A definition list of an item's facts (label → value), laid out as a grid. */
import type { ReactNode } from 'react';

export interface SummaryItem {
  key: string;
  label: string;
  value: ReactNode;
}

export function SummaryList({ items, testId }: { items: readonly SummaryItem[]; testId?: string }) {
  return (
    <dl className="summary-list" data-testid={testId}>
      {items.map((item) => (
        <div key={item.key} className="summary-item" data-testid={`summary-${item.key}`}>
          <dt>{item.label}</dt>
          <dd>{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}
