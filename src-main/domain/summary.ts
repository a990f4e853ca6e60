import type { IsoDate } from './dates.ts';
import { OPEN_STAGES, type CurrentStage, type Milestone, type OpenStage, type Status } from './stages.ts';

/** What is known about a household, enough to say where it is now. */
export interface HouseholdFacts {
  episode: number;
  milestones: ReadonlyArray<{ kind: Milestone; date: IsoDate; episode: number }>;
  closure?: { episode: number; date: IsoDate; stageReached: OpenStage } | null;
  cessation?: { date: IsoDate } | null;
  /**
   * The current episode's viability request where it is its kinship application
   * (journey-dates.ts `kinshipApplication`): the formal application, so an open household that
   * has made one stands at Stage 1 at least, as its closure would (journey-state.ts stageAtClosure).
   * Or a function giving it, asked once and only of an open household (the only one it can move),
   * so a caller reads the journey for that household alone (db/queries/summary.ts).
   */
  kinshipApplication?: IsoDate | null | (() => IsoDate | null);
}

export type { CurrentStage };

export interface HouseholdSummary {
  status: Status;
  stage: CurrentStage;
  stageDate: IsoDate | null;
  enquiryDate: IsoDate | null;
}

/**
 * Where a household stands, from its current episode's facts. The one place that decides
 * status and current stage; the list, the pipeline, alerts and import all rely on it.
 */
export function summarise(f: HouseholdFacts): HouseholdSummary {
  const current = new Map<Milestone, IsoDate>();
  for (const m of f.milestones) if (m.episode === f.episode) current.set(m.kind, m.date);
  const enquiryDate = current.get('enquiry') ?? null;
  if (f.cessation) return { status: 'ceased', stage: 'ceased', stageDate: f.cessation.date, enquiryDate };
  const approval = current.get('approval');
  if (approval) return { status: 'approved', stage: 'approval', stageDate: approval, enquiryDate };
  if (f.closure && f.closure.episode === f.episode) {
    return { status: 'closed', stage: f.closure.stageReached, stageDate: f.closure.date, enquiryDate };
  }
  const stage1 = OPEN_STAGES.indexOf('stage1');
  const applied = typeof f.kinshipApplication === 'function' ? f.kinshipApplication() : f.kinshipApplication;
  for (let i = OPEN_STAGES.length - 1; i >= 0; i--) {
    const stage = OPEN_STAGES[i]!;
    const date = current.get(stage);
    if (i < stage1 && applied) return { status: 'open', stage: 'stage1', stageDate: applied, enquiryDate };
    if (date) return { status: 'open', stage, stageDate: date, enquiryDate };
  }
  return { status: 'open', stage: 'enquiry', stageDate: enquiryDate, enquiryDate };
}
