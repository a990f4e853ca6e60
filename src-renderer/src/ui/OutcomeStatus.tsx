import type { Outcome } from './use-outcome.ts';

/** The last action's outcome, announced; shown as an error when the core refused it. */
export function OutcomeStatus({ outcome }: { outcome: Outcome | null }) {
  return (
    <p role="status" className={outcome?.error ? 'error' : undefined}>
      {outcome?.text}
    </p>
  );
}
