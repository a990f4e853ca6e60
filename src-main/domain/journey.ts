import type { IsoDate } from './dates.ts';
import { Decider } from './journey-decider.ts';
import type { Decision, JourneyEvent } from './journey-events.ts';
import type { JourneyState } from './journey-state.ts';

/**
 * The journey engine: the one place that decides what a change to a household's journey does.
 * Pure: (state, event, today) → the new state, the facts to write, and every rule the event breaks.
 * Hand edits and the import both ask it (db/journey-writer.ts writes its answer for hand edits; the
 * import plan turns it into its planned change), so the two can never disagree about which episode
 * a fact belongs to or what may follow what. The rules themselves: stage order in domain/stages.ts,
 * date order in domain/order-rules.ts, SQL generated from the order in db/journey-sql.ts.
 *
 * This module is the engine's one door: callers import from here. Inside it, journey-state.ts (what the
 * engine knows of a household and plain readings of it), journey-events.ts (the events asked and the
 * facts and faults answered), pathway-switch.ts (when a pathway may change) and journey-decider.ts
 * (each event's rules: it takes each event to journey-decide-milestones.ts, journey-decide-steps.ts
 * or journey-decide-endings.ts).
 */

export {
  episodeEnding,
  episodePathwayOf,
  episodeStart,
  latestMilestone,
  placeEnquiry,
  stageAtClosure,
  statusOf,
  type Dates,
  type Ending,
  type EnquiryPlace,
  type JourneyState,
} from './journey-state.ts';
export {
  cessationDate,
  type CessationFacts,
  type ClosureFacts,
  type Decision,
  type JourneyEvent,
  type JourneyWrite,
  type Violation,
} from './journey-events.ts';
export { importSwitchDate, pathwaySwitchFault } from './pathway-switch.ts';

export function decide(state: JourneyState, event: JourneyEvent, today: IsoDate): Decision {
  const d = new Decider(state, today);
  d.apply(event);
  return { state: d.state, writes: d.writes, violations: d.violations };
}
