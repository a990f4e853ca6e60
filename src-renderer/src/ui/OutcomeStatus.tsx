import { useRef } from 'react';
import { Announced } from './Announced.tsx';
import type { Outcome } from './use-outcome.ts';
import { useFocusIfLost } from './use-focus-if-lost.ts';

/**
 * The last action's outcome, announced; shown as an error when the core refused it. An action whose
 * button went with it (a confirmed restore or purge) leaves focus here, not on the page's body.
 */
export function OutcomeStatus({ outcome, id }: { outcome: Outcome | null; id?: string }) {
  const line = useRef<HTMLParagraphElement>(null);
  useFocusIfLost(line, outcome);
  return (
    <p role="status" id={id} className={outcome?.error ? 'error' : undefined} ref={line} tabIndex={-1}>
      <Announced news={outcome} />
    </p>
  );
}
