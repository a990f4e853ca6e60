import type { ReactNode } from 'react';
import './ui.css';

/**
 * A table wider than the window (at 200 % zoom, or a narrow window) scrolls sideways in its own
 * box, so the page itself never does and everything else reflows (WCAG 1.4.10). A table holding
 * buttons or fields is reached by keyboard through them; one holding none takes a `label`, and the
 * box is then a Tab stop of its own, named by it, so it can be scrolled with the arrow keys.
 */
export function TableScroll({ children, label }: { children: ReactNode; label?: string }) {
  return label ? (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  ) : (
    <div className="table-scroll">{children}</div>
  );
}
