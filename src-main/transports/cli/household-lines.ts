import { formatUkDate } from '../../domain/dates.ts';
import type { ExitInterviewRecord, HouseholdRecord } from '../../domain/household-records.ts';
import {
  APPLICATION_BASIS_WORDS,
  JOURNEY_DATE_KINDS,
  JOURNEY_DATE_LABELS,
  journeyDateDetail,
  KINSHIP_ONLY,
  type JourneyDateKind,
} from '../../domain/journey-dates.ts';
import {
  currentStageLabel,
  ENDED_BY_LABELS,
  EXIT_INTERVIEW_STATUS_LABELS,
  MILESTONE_LABELS,
  PATHWAY_LABELS,
  STATUS_LABELS,
  type EndedBy,
  type Milestone,
  type Pathway,
  type Status,
} from '../../domain/stages.ts';
import { REASON_LISTS, reasonWithText, type ReasonList } from '../../domain/reasons.ts';
import { ERASED_NAME } from '../../domain/words.ts';
import type { CommandRun } from './command.ts';

/*
 * The household record's Journey and journey dates as `household` prints them, in the record's
 * words (JourneyDates.tsx and HouseholdRecord.tsx): the labels from domain/, dates dd/mm/yyyy.
 */

/** The steps in the order they happen, as the record lists them: the kinship steps, then the others. */
const STEP_ORDER: readonly JourneyDateKind[] = [
  ...JOURNEY_DATE_KINDS.filter((k) => KINSHIP_ONLY.has(k)),
  ...JOURNEY_DATE_KINDS.filter((k) => !KINSHIP_ONLY.has(k)),
];

/**
 * The Journey: each milestone by episode, the enquiry's answer after the enquiry it answered (the
 * current episode's), then each pathway switch ("Pathway Mainstream → Kinship on 01/10/2026").
 */
export function milestoneLines(r: HouseholdRecord): string[] {
  const row = (episode: number, label: string, date: string) =>
    `  episode ${episode}  ${label.padEnd(18)} ${formatUkDate(date)}`;
  const answered = r.respondedDate ? [row(r.episode, 'Enquiry answered', r.respondedDate)] : [];
  const hasEnquiry = r.milestones.some((m) => m.kind === 'enquiry' && m.episode === r.episode);
  return [
    ...r.milestones.flatMap((m) => [
      row(m.episode, MILESTONE_LABELS[m.kind as Milestone] ?? m.kind, m.date),
      ...(m.kind === 'enquiry' && m.episode === r.episode ? answered : []),
    ]),
    ...(hasEnquiry ? [] : answered),
    ...r.pathwayChanges.map(
      (p) => `  Pathway ${pathwayWords(p.from)} → ${pathwayWords(p.to)} on ${formatUkDate(p.date)}`,
    ),
  ];
}

/**
 * The journey's dated steps, under the record's heading ("Kinship journey", or "Journey dates"):
 * the application received and which date it is, the reg 24 clock, and every step recorded with
 * its episode, date and outcome or reason. Nothing where there is none of these.
 */
export function journeyDateLines(r: HouseholdRecord): string[] {
  const rows = [...r.journeyDates].sort(
    (a, b) => a.episode - b.episode || STEP_ORDER.indexOf(a.kind) - STEP_ORDER.indexOf(b.kind),
  );
  const received = r.application;
  const clock = r.reg24;
  if (rows.length === 0 && !received && !clock) return [];
  const width = Math.max(0, ...rows.map((j) => (JOURNEY_DATE_LABELS[j.kind] ?? j.kind).length));
  const from = !received
    ? ''
    : received.from === 'viability_request'
      ? 'the viability request'
      : APPLICATION_BASIS_WORDS[received.from];
  return [
    `  ${r.followsKinship ? 'Kinship journey' : 'Journey dates'}`,
    ...(received
      ? [`    Application received ${formatUkDate(received.date)} (from ${from}, as Settings count it).`]
      : []),
    ...(clock
      ? [
          `    Temporary approval (reg 24) from ${formatUkDate(clock.placement)}: ${clock.extended || clock.irmUntil ? 'extended limit' : 'limit'} ${formatUkDate(clock.limit)}` +
            (clock.irmUntil
              ? ', the IRM review’s outcome (reg 25(3): the approval lasts until it is known)'
              : '') +
            (clock.stopped
              ? ' so far: the approval lasts until the outcome of the pending IRM review is known'
              : '') +
            '.',
        ]
      : []),
    ...rows.map((j) =>
      `    episode ${j.episode}  ${(JOURNEY_DATE_LABELS[j.kind] ?? j.kind).padEnd(width)}  ${formatUkDate(j.date)}  ${journeyDateDetail(j)}`.trimEnd(),
    ),
  ];
}

/*
 * What the CLI prints for people speaks the screens' words, from the same labels: "Stage 2", not
 * stage2; "Lost contact", not lost_contact; dates dd/mm/yyyy. A key the labels do not know (stored
 * by a later version, say) is printed as it is stored. --json keeps the keys, for scripts.
 */
export const statusWords = (s: string): string => STATUS_LABELS[s as Status] ?? s;
export const pathwayWords = (p: string): string => PATHWAY_LABELS[p as Pathway] ?? p;
export const endedByWords = (e: string): string => ENDED_BY_LABELS[e as EndedBy] ?? e;
export const stepWords = (kind: string): string =>
  MILESTONE_LABELS[kind as Milestone] ?? JOURNEY_DATE_LABELS[kind as JourneyDateKind] ?? kind;

/**
 * The household's name as its record heads it ("(no name)" where none is recorded), or, once a
 * purge erased it, as every list says so: a blank would read as a household never named.
 */
export const recordName = (r: HouseholdRecord): string =>
  r.purged ? ERASED_NAME : [r.firstName, r.surname].filter(Boolean).join(' ') || '(no name)';

/**
 * A closure as the record's Endings say it: "closed 05/10/2026 at Enquiry: No spare bedroom /
 * housing (Applicant withdrew)", then its re-opening and its notes ("– moving in spring").
 */
export const closureLine = (c: HouseholdRecord['closures'][number]): string =>
  `closed ${formatUkDate(c.date)} at ${currentStageLabel(c.stageReached)}: ${reasonWithText(c.reasonLabel, c.reasonText)} (${endedByWords(c.endedBy)})${c.reopenedOn ? `, re-opened ${formatUkDate(c.reopenedOn)}` : ''}${c.notes ? ` – ${c.notes}` : ''}`;

/**
 * A cessation as the record's Endings say it: "ceased 30/06/2026: Retirement (initiated by the
 * carer, notice 01/05/2026)", then its notes as a closure's ("– moving to an agency").
 */
export const cessationLine = (c: NonNullable<HouseholdRecord['cessation']>): string =>
  `ceased ${formatUkDate(c.date)}: ${reasonWithText(c.reasonLabel, c.reasonText)} (initiated by the ${c.initiatedBy}${c.noticeDate ? `, notice ${formatUkDate(c.noticeDate)}` : ''})${c.notes ? ` – ${c.notes}` : ''}`;

/** Where a household stands after a change, as the record says it: "now at Stage 2", "now approved". */
export const whereNow = (r: HouseholdRecord): string =>
  r.status === 'open'
    ? `now at ${currentStageLabel(r.stage)}`
    : `now ${statusWords(r.status).toLowerCase()}${r.status === 'closed' ? ` at ${currentStageLabel(r.stage)}` : ''}`;

/**
 * The lines saying where an ending's exit interview stands, as the record's Endings and exit
 * interviews show it ("exit interview held 02/04/2027 by Sam Jones; might return later: yes", then
 * a line for each reason given, by its list's label and in its order: labels may hold commas), or
 * none for an ending without one.
 */
export async function exitInterviewLines(
  cmd: CommandRun,
  interviews: readonly ExitInterviewRecord[],
): Promise<(which: (i: ExitInterviewRecord) => boolean, list: ReasonList) => string[]> {
  // Each list's reasons in its order (Settings'), as the record's form lists them.
  const lists = new Map<ReasonList, Array<{ key: string; label: string }>>();
  if (interviews.some((i) => i.reasons.length > 0)) {
    for (const list of REASON_LISTS)
      lists.set(list, await cmd.call('reasons.listReasons', { list, includeRetired: true }));
  }
  return (which, list) => {
    const i = interviews.find(which);
    if (!i) return [];
    const when = i.status === 'held' ? i.heldDate : i.status === 'offered' ? i.offeredDate : null;
    const head = [
      `exit interview ${EXIT_INTERVIEW_STATUS_LABELS[i.status].toLowerCase()}`,
      ...(when ? [formatUkDate(when)] : []),
      ...(i.status === 'held' && i.heldBy ? [`by ${i.heldBy}`] : []),
    ].join(' ');
    const might = i.mightReturn === null ? '' : `; might return later: ${i.mightReturn ? 'yes' : 'no'}`;
    return [
      `    ${head}${might}`,
      ...[
        ...(lists.get(list) ?? []).filter((x) => i.reasons.includes(x.key)).map((x) => x.label),
        ...i.reasons.filter((k) => !lists.get(list)?.some((x) => x.key === k)),
      ].map((label) => `      reason given: ${label}`),
    ];
  };
}
