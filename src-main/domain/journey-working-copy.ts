import type { IsoDate } from './dates.ts';
import type { JourneyWrite, Violation } from './journey-events.ts';
import type { JourneyState } from './journey-state.ts';
import type { HandAction } from './hand-actions.ts';

/**
 * What the journey engine's rule modules (journey-decide-milestones.ts, -steps.ts, -endings.ts)
 * see of the Decider (journey-decider.ts) applying an event: its working copy of the state, the
 * writes and faults it collects, and how it records a fault. An interface of its own so the rule
 * modules and the Decider that calls them do not import each other round a cycle.
 */
export interface WorkingCopy {
  state: JourneyState;
  readonly writes: JourneyWrite[];
  readonly today: IsoDate;
  /** The steps stored before the event (an import row's may replace them): endingBeforeStepFault's `replacing`. */
  readonly held: JourneyState['journeyDates'];
  fail(fact: Violation['fact'], field: string, message: string, code?: Violation['code']): void;
  /** Whether the household's status allows `action`; records the fault when it does not. */
  requireStatus(action: HandAction, doing: string, fact: Violation['fact']): boolean;
}
