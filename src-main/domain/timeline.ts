import { formatUkDate, isValidIsoDate } from './dates.ts';
import {
  CEASE_INITIATED_BY_LABELS,
  ENDED_BY_LABELS,
  EXIT_INTERVIEW_STATUS_LABELS,
  MILESTONE_LABELS,
  PATHWAY_LABELS,
  STAGE_LABELS,
  type CeaseInitiatedBy,
  type EndedBy,
  type ExitInterviewStatus,
  type Milestone,
  type OpenStage,
  type Pathway,
} from './stages.ts';
import { sourceLabel } from './sources.ts';
import { householdTypeLabel } from './household-types.ts';
import {
  JOURNEY_DATE_LABELS,
  journeyDateText,
  type JourneyDate,
  type JourneyDateKind,
} from './journey-dates.ts';
import { HOUSEHOLD_COLUMN_LABELS } from './household-details.ts';

/** One audit entry in words, for the household's timeline. */
export interface AuditFacts {
  action: string;
  entity: string;
  field: string | null;
  oldValue: unknown;
  newValue: unknown;
  reason: string | null;
  /**
   * Where the entry is a duplicate's own, moved here when it was merged into this household
   * (households-merge.ts moves its history across): the duplicate's reference, the household it
   * was merged into (this one, or one merged into this one later) and the day of the merge.
   */
  mergedFrom?: { reference: string; into: string; on: string } | undefined;
}

const show = (v: unknown): string => {
  if (v === null || v === undefined || v === '') return '(empty)';
  if (typeof v === 'string' && isValidIsoDate(v)) return formatUkDate(v);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.date === 'string') return formatUkDate(o.date);
    return JSON.stringify(v);
  }
  return String(v);
};

/** A detail held by its key, in the words the record shows it in ("Word of mouth", not word_of_mouth). */
const VALUE_LABELS: Record<string, (key: string) => string> = {
  pathway: (k) => PATHWAY_LABELS[k as Pathway] ?? k,
  source: sourceLabel,
  household_type: householdTypeLabel,
};

const showField = (field: string | null, v: unknown): string =>
  typeof v === 'string' && v !== '' && field && VALUE_LABELS[field] ? VALUE_LABELS[field](v) : show(v);

const FIELD_LABELS: Record<string, string> = {
  ...HOUSEHOLD_COLUMN_LABELS,
  reference: 'Reference',
  responded_date: 'Enquiry response',
  enquiry_date: 'Enquiry date',
  episode: 'Episode',
};

/**
 * The service's own words for its reasons, by key (the reasons table, which Settings edits): an
 * entry holds the key, and a timeline that said "(counselled_out)" spoke the database's words.
 */
export interface ReasonLabels {
  dropout: ReadonlyMap<string, string>;
  leaving: ReadonlyMap<string, string>;
}

const NO_LABELS: ReasonLabels = { dropout: new Map(), leaving: new Map() };

/** The reason an ending's entry holds, by its label where the list has it. */
const reasonOf = (c: Record<string, unknown>, labels: ReadonlyMap<string, string>): string | null => {
  const key =
    typeof c.reason === 'string' ? c.reason : typeof c.reason_key === 'string' ? c.reason_key : null;
  return key === null ? null : (labels.get(key) ?? key);
};

/** An ending's values as an audit entry holds them: the writer's (camelCase) or a stored row's. */
const isEnding = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && typeof (v as Record<string, unknown>).date === 'string';
const field = (v: Record<string, unknown>, camel: string, snake: string): unknown => v[camel] ?? v[snake];

/**
 * A closure's stage and reason as the record's endings say them: " at EOI: Counselled out by the
 * service (Service ended it)"; `lead` comes before the reason.
 */
function closureWords(v: Record<string, unknown>, reasons: ReasonLabels, lead: string): string {
  const stage = field(v, 'stageReached', 'stage_reached');
  const at = typeof stage === 'string' ? ` at ${STAGE_LABELS[stage as OpenStage] ?? stage}` : '';
  const reason = reasonOf(v, reasons.dropout);
  const endedBy = ENDED_BY_LABELS[field(v, 'endedBy', 'ended_by') as EndedBy] as string | undefined;
  return `${at}${reason ? `${lead}${reason}${endedBy ? ` (${endedBy})` : ''}` : ''}`;
}
/** A closure whole: "05/11/2025 at EOI, No spare bedroom / housing (Applicant ended it)". */
const closureWhole = (v: Record<string, unknown>, reasons: ReasonLabels): string =>
  `${formatUkDate(v.date as string)}${closureWords(v, reasons, ', ')}`;

/** A cessation: "03/10/2025 (notice 05/09/2025), Transfer to an independent fostering agency, initiated by the carer". */
function cessationWords(v: Record<string, unknown>, reasons: ReasonLabels): string {
  const notice = field(v, 'noticeDate', 'notice_date');
  const reason = reasonOf(v, reasons.leaving);
  const who = CEASE_INITIATED_BY_LABELS[field(v, 'initiatedBy', 'initiated_by') as CeaseInitiatedBy] as
    string | undefined;
  return [
    `${formatUkDate(v.date as string)}${typeof notice === 'string' ? ` (notice ${formatUkDate(notice)})` : ''}`,
    reason,
    who ? `initiated by ${who.toLowerCase()}` : null,
  ]
    .filter(Boolean)
    .join(', ');
}

export function describeAudit(a: AuditFacts, reasons: ReasonLabels = NO_LABELS): string {
  const by =
    a.action === 'import'
      ? ' (import)'
      : a.action === 'undo'
        ? ' (undo)'
        : a.action === 'merge'
          ? ' (merge)'
          : '';
  const why = a.reason ? ` – ${a.reason}` : '';
  if (a.entity === 'milestone') {
    // An earlier episode's date (db/journey-writer.ts) says the enquiry it followed.
    const of = (a.newValue as { episodeEnquiry?: unknown } | null)?.episodeEnquiry;
    const label = `${MILESTONE_LABELS[(a.field ?? '') as Milestone] ?? a.field ?? 'Milestone'}${
      typeof of === 'string' ? ` (enquiry of ${formatUkDate(of)})` : ''
    }`;
    if (a.oldValue == null) return `${label} recorded: ${show(a.newValue)}${by}${why}`;
    if (a.newValue == null) return `${label} removed (was ${show(a.oldValue)})${by}${why}`;
    return `${label} corrected: ${show(a.oldValue)} → ${show(a.newValue)}${by}${why}`;
  }
  if (a.entity === 'journey_date') {
    const label = JOURNEY_DATE_LABELS[(a.field ?? '') as JourneyDateKind] ?? a.field ?? 'Journey date';
    const step = (v: unknown) => journeyDateText((v ?? {}) as JourneyDate);
    if (a.oldValue == null) return `${label} recorded: ${step(a.newValue)}${by}${why}`;
    if (a.newValue == null) return `${label} removed (was ${step(a.oldValue)})${by}${why}`;
    return `${label} corrected: ${step(a.oldValue)} → ${step(a.newValue)}${by}${why}`;
  }
  if (a.entity === 'closure') {
    if (a.field === 'reopened_on')
      return a.oldValue == null
        ? `Re-opened on ${show(a.newValue)}${by}${why}`
        : a.newValue == null
          ? `Re-opening on ${show(a.oldValue)} taken back${by}${why}`
          : `Re-opened date corrected: ${show(a.oldValue)} → ${show(a.newValue)}${by}${why}`;
    if (a.action === 'delete') {
      const o = (a.oldValue ?? {}) as Record<string, unknown>;
      return `Closure${typeof o.date === 'string' ? ` of ${formatUkDate(o.date)}` : ''} removed${by}${why}`;
    }
    const c = (a.newValue ?? {}) as Record<string, unknown>;
    // A correction, or a stage following the dates, says what it was and what it is (helper-254:
    // "Closure changed on 05/11/2025" read as the day of the change, and said nothing of before).
    if (isEnding(a.oldValue))
      return `Closure changed: ${closureWhole(a.oldValue, reasons)} → ${closureWhole(c, reasons)}${by}${why}`;
    return `Closed${typeof c.date === 'string' ? ` on ${formatUkDate(c.date)}` : ''}${closureWords(c, reasons, ': ')}${by}${why}`;
  }
  if (a.entity === 'cessation') {
    if (a.action === 'delete') {
      const o = (a.oldValue ?? {}) as Record<string, unknown>;
      return `Cessation${typeof o.date === 'string' ? ` of ${formatUkDate(o.date)}` : ''} removed${by}${why}`;
    }
    const c = (a.newValue ?? {}) as Record<string, unknown>;
    if (isEnding(a.oldValue))
      return `Cessation changed: ${cessationWords(a.oldValue, reasons)} → ${cessationWords(c, reasons)}${by}${why}`;
    const reason = reasonOf(c, reasons.leaving);
    return `Ceased to foster${typeof c.date === 'string' ? ` on ${formatUkDate(c.date)}` : ''}${reason ? `: ${reason}` : ''}${by}${why}`;
  }
  if (a.entity === 'exit_interview') {
    const s = (a.newValue ?? {}) as Record<string, unknown>;
    const status =
      typeof s.status === 'string'
        ? (EXIT_INTERVIEW_STATUS_LABELS[s.status as ExitInterviewStatus] ?? s.status)
        : null;
    return `Exit interview ${a.action === 'create' ? 'recorded' : 'updated'}${status ? `: ${status}` : ''}${by}${why}`;
  }
  // Carers' details are special category data: the timeline names what changed, never the values.
  if (a.entity === 'carer') {
    const who = a.field === 'carer2' ? 'Carer 2' : a.field === 'carer1' ? 'Carer 1' : 'Carer';
    if (a.field === 'left_on') return `Carer left the household on ${show(a.newValue)}${by}${why}`;
    if (a.action === 'delete') return `${who} removed${by}${why}`;
    const fields = Object.keys((a.newValue ?? {}) as object).map((f) => f.replace(/_/g, ' '));
    return `${who} ${a.action === 'create' ? 'added' : 'details changed'}${fields.length ? `: ${fields.join(', ')}` : ''}${by}${why}`;
  }
  if (a.entity === 'approval_terms') {
    const t = (a.newValue ?? {}) as Record<string, unknown>;
    return `Approval terms saved${typeof t.places === 'number' ? `: ${t.places} place${t.places === 1 ? '' : 's'}` : ''}${by}${why}`;
  }
  if (a.entity === 'place_change') {
    const c = (a.newValue ?? a.oldValue ?? {}) as Record<string, unknown>;
    const n = typeof c.change === 'number' ? c.change : 0;
    const what = `${n > 0 ? `${n} place${n === 1 ? '' : 's'} added` : `${-n} place${n === -1 ? '' : 's'} removed`}`;
    return `${a.action === 'delete' ? 'Change of places deleted' : what}${typeof c.date === 'string' ? ` on ${formatUkDate(c.date)}` : ''}${by}${why}`;
  }
  if (a.entity === 'pathway') {
    // The writer keeps the switch's date as "from 2026-11-20" (journey-writer.ts): said as the record says dates.
    const from = /^from (\d{4}-\d{2}-\d{2})$/.exec(a.reason ?? '')?.[1];
    const switched = `${showField('pathway', a.oldValue)} → ${showField('pathway', a.newValue)}${by}`;
    return from && isValidIsoDate(from)
      ? `Pathway switched from ${formatUkDate(from)}: ${switched}`
      : `Pathway switched: ${switched}${why}`;
  }
  if (a.entity === 'household' && a.field === null && a.oldValue == null) {
    // A duplicate's creation, moved here by its merge, is not this household's: two "Household
    // added" lines read as this one created twice (said as a reference merged away is, household-lookups.ts).
    const m = a.mergedFrom;
    const added = m
      ? `Household ${m.reference} added (merged into ${m.into} on ${formatUkDate(m.on)})`
      : 'Household added';
    return `${added}${by}${why}`;
  }
  // A merge's own entry names the duplicate it took in (its other entries are the details it brought).
  if (a.field === 'merged') {
    const of = (v: unknown) => (v as { reference?: unknown } | null)?.reference;
    const [dup, keep] = [of(a.oldValue), of(a.newValue)];
    return `${typeof dup === 'string' ? dup : 'A duplicate'} merged into ${typeof keep === 'string' ? keep : 'this household'}${why}`;
  }
  // What of the duplicate the merge left behind (domain/merge-not-kept.ts), each beside what stands
  // instead; an erasure blanks both values, and the line then names no value.
  if (a.field === 'not_kept') {
    const { reference, ...theirs } = (a.oldValue ?? {}) as Record<string, unknown>;
    const kept = (a.newValue ?? {}) as Record<string, unknown>;
    const lost = Object.entries(theirs).map(([f, v]) => {
      const label = FIELD_LABELS[f] ?? f;
      const instead = kept[f] == null ? 'none kept' : `kept ${showField(f, kept[f])}`;
      return `${label.charAt(0).toLowerCase()}${label.slice(1)} ${showField(f, v)} (${instead})`;
    });
    if (typeof reference !== 'string' || lost.length === 0)
      return `Details of a merged duplicate not kept (their values erased)${why}`;
    return `Not kept from ${reference} when merged: ${lost.join('; ')}${why}`;
  }
  if (a.field === 'updated_at') return `Record updated${by}${why}`;
  const field = FIELD_LABELS[a.field ?? ''] ?? a.field ?? 'Details';
  return `${field} changed: ${showField(a.field, a.oldValue)} → ${showField(a.field, a.newValue)}${by}${why}`;
}
