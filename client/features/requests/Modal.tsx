/**
 * A modal dialog over the page: labelled by its title, Escape or the backdrop closes it, focus moves
 * into it on open and back to what opened it on close. Fits a 360 px phone (full width less a margin).
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

export interface ModalProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  testId?: string;
}

export function Modal({ title, onClose, children, testId }: ModalProps) {
  const titleId = useId();
  const panel = useRef<HTMLDivElement>(null);
  const closeRef = useRef(onClose);
  closeRef.current = onClose;

  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    const first = panel.current?.querySelector<HTMLElement>('input:checked, textarea, input, button');
    first?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') closeRef.current();
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      opener?.focus?.();
    };
  }, []);

  return createPortal(
    <div className="rq-modal" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="rq-modal__panel" role="dialog" aria-modal="true" aria-labelledby={titleId} ref={panel} data-testid={testId}>
        <h2 id={titleId} className="rq-modal__title">
          {title}
        </h2>
        {children}
      </div>
    </div>,
    document.body,
  );
}
