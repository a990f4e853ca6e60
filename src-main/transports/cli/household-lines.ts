import { formatUkDate } from '../../domain/dates.ts';
import type { HouseholdRecord, JourneyDateRecord } from '../../domain/household-records.ts';
import {
  APPLICATION_BASIS_WORDS,
  JOURNEY_DATE_KINDS,
  JOURNEY_DATE_LABELS,
  KINSHIP_ONLY,
  VIABILITY_RESULT_LABELS,
  type JourneyDateKind,
  type ViabilityResult,
} from '../../domain/journey-dates.ts';
import { MILESTONE_LABELS, PATHWAY_LABELS, type Milestone, type Pathway } from '../../domain/stages.ts';

/*
 * The household record's Journey and journey dates as `household` prints them, in the record's
 * words (JourneyDates.tsx and HouseholdRecord.tsx): the labels from domain/, dates dd/mm/yyyy.
 */

const pathwayWords = (p: string): string => PATHWAY_LABELS[p as Pathway] ?? p;

/** What a step adds to its date, as the record's "Outcome or reason" column: Positive, an extension's reason. */
export const stepDetailWords = (j: Pick<JourneyDateRecord, 'detail' | 'reason'>): string =>
  j.detail ? (VIABILITY_RESULT_LABELS[j.detail as ViabilityResult] ?? j.detail) : (j.reason ?? '');

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
      `    episode ${j.episode}  ${(JOURNEY_DATE_LABELS[j.kind] ?? j.kind).padEnd(width)}  ${formatUkDate(j.date)}  ${stepDetailWords(j)}`.trimEnd(),
    ),
  ];
}
