import { useRef, type ReactNode } from 'react';
import './ui.css';

/** A list with more Tab stops than this is preceded by a way past them. */
const SKIP_FROM = 20;

/**
 * A long list whose every entry is a Tab stop (a report's figures, the households due for purging),
 * with what comes after it (a chart, an action) many presses away. With more than SKIP_FROM `stops`,
 * it starts with a link past it, to a mark at its end (focus on the mark, the next Tab is whatever
 * follows), both shown only where focus is, as the page's own skip link is. `id` names the mark.
 */
export function SkipPast({
  id,
  stops,
  past,
  end,
  children,
}: {
  id: string;
  stops: number;
  /** What the link passes ("the 40 figures of …"), after "Skip past". */
  past: string;
  /** The mark's words, said as focus lands on it. */
  end: string;
  children: ReactNode;
}) {
  const mark = useRef<HTMLSpanElement>(null);
  const skip = stops > SKIP_FROM;
  return (
    <>
      {skip && (
        <a
          className="table-skip"
          href={`#${id}`}
          onClick={(e) => (e.preventDefault(), mark.current?.focus())}
        >
          Skip past {past}
        </a>
      )}
      {children}
      {skip && (
        <span className="table-skip" id={id} ref={mark} tabIndex={-1}>
          {end}
        </span>
      )}
    </>
  );
}
