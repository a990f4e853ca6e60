import { useEffect, useRef, useState, type ChangeEvent, type KeyboardEvent } from 'react';

/** How long a choice made by arrow keys must rest before it is taken. */
export const SETTLE_MS = 600;

/**
 * Props for a native select whose choice rebuilds what follows it (a report). Closed, a select
 * changes its value, and fires change, at each arrow key (Chromium on Windows and Linux), so
 * arrowing from the first table to the fourth worked out and announced the three between
 * (helper-276). A choice made by keys is taken once it rests (SETTLE_MS with no key), or at once
 * on Enter or on leaving the box; the box shows it meanwhile, and says it, as usual. A choice not
 * made by keys (by pointer, or in the open list, which commits on its own) is taken at once.
 */
export function useSettledChoice<T extends string>(value: T, onChoose: (value: T) => void) {
  const [pending, setPending] = useState<T | null>(null);
  const byKey = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const choose = useRef(onChoose);
  choose.current = onChoose;
  useEffect(() => () => clearTimeout(timer.current), []);

  const take = (next: T) => {
    clearTimeout(timer.current);
    setPending(null);
    if (next !== value) choose.current(next);
  };
  return {
    value: pending ?? value,
    onChange: (e: ChangeEvent<HTMLSelectElement>) => {
      const next = e.target.value as T;
      if (!byKey.current) return take(next);
      setPending(next);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => take(next), SETTLE_MS);
    },
    // A key's change fires in the same task as its keydown (a held key's, at each repeat); one made
    // in the open list (opened by Enter, Space or a click) comes in a task of its own.
    onKeyDown: (e: KeyboardEvent<HTMLSelectElement>) => {
      byKey.current = true;
      setTimeout(() => (byKey.current = false));
      if (e.key === 'Enter' && pending !== null) take(pending);
    },
    onBlur: () => {
      byKey.current = false;
      if (pending !== null) take(pending);
    },
  };
}
