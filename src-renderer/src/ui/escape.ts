import type { KeyboardEvent } from 'react';

/**
 * A keydown handler for a question or list shown in the page (not a modal dialog): Escape closes
 * it, as the Cancel or Close button beside it does, and goes no further (one Escape, one close).
 */
export const closesOnEscape =
  (close: () => void) =>
  (e: KeyboardEvent): void => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    e.stopPropagation();
    close();
  };
