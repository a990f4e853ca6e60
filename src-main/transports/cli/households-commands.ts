import { toApiError } from '../../api/registry.ts';
import { formatUkDate } from '../../domain/dates.ts';
import type { Command } from './command.ts';
import { DB_OPTION, JSON_OPTION, UsageError } from './command.ts';
import {
  CURRENT_STAGES,
  currentStageLabel,
  MILESTONE_LABELS,
  MILESTONES,
  PATHWAY_FULL_LABELS,
  PATHWAY_LABELS,
  PATHWAYS,
  STATUS_LABELS,
  STATUSES,
  type CurrentStage,
  type Milestone,
  type Pathway,
  type Status,
} from '../../domain/stages.ts';
import { countOf, orList } from '../../domain/words.ts';
import { STAGE_FILTERS } from '../../domain/household-records.ts';
import { missingStepsOfRecord } from '../../domain/order-rules.ts';
import { foundByWords } from '../../domain/carers.ts';
import {
  JOURNEY_DATE_KINDS,
  JOURNEY_DATE_LABELS,
  journeyDateText,
  REG25_MAX_WEEKS,
  VIABILITY_RESULT_LABELS,
  VIABILITY_RESULTS,
  type JourneyDateKind,
  type ViabilityResult,
} from '../../domain/journey-dates.ts';
import { boundedIntOption, choiceLines, choicesOf, choose, chooseOption, fyOption } from './choices.ts';
import { dateOption, idOf, OR_WORDS } from './household-args.ts';
import {
  cessationLine,
  closureLine,
  exitInterviewLines,
  journeyDateLines,
  milestoneLines,
  pathwayWords,
  recordName,
  statusWords,
  stepWords,
  whereNow,
} from './household-lines.ts';

/**
 * The record's form has a field for each thing the core may ask for; here each is an option, so a
 * refusal for want of one names it: a reason to correct a date already recorded ("give a reason
 * to correct it"), the viability result, the extension's reason.
 */
const OPTION_HINTS: Record<string, string> = {
  result: `Give it with --result ${VIABILITY_RESULTS.join(' or ')}.`,
  extensionReason: 'Give it with --reason TEXT.',
  extensionWeeks: 'Give it with --weeks N.',
};

/**
 * --weeks as a whole number (the engine holds its range, 1 to 8, and names it), or `none` to
 * record none; not given (undefined), a correction keeps the length held. An extension's only.
 */
function weeksOption(value: string | boolean | undefined, kind: string): number | null | undefined {
  if (value === undefined) return undefined;
  if (kind !== 'extension')
    throw new UsageError('--weeks is the length of an extension: give it with KIND extension.');
  if (typeof value === 'string' && /^\s*none\s*$/i.test(value)) return null;
  if (typeof value === 'string' && /^\s*\d+\s*$/.test(value)) return Number(value);
  throw new UsageError('--weeks needs a whole number of weeks, or none.');
}
async function withOptionHints<T>(change: () => Promise<T>): Promise<T> {
  try {
    return await change();
  } catch (e) {
    const err = toApiError(e);
    if (err.code === 'conflict' && /already recorded/.test(err.message))
      err.message += ' Give the reason with --correction TEXT.';
    else if (err.field && Object.hasOwn(OPTION_HINTS, err.field))
      err.message += ` ${OPTION_HINTS[err.field]}`;
    throw err;
  }
}

/*
 * Each option's values, with the words the screens show for them (the same labels), so an officer
 * may type either: "--status Open", "--stage 'Stage 1'", "--ended-by 'Lost contact'".
 */
const STATUS_CHOICES = choicesOf(STATUSES, (s) => STATUS_LABELS[s]);
const STAGE_CHOICES = choicesOf(STAGE_FILTERS, (s) => currentStageLabel(s));
const PATHWAY_CHOICES = choicesOf(PATHWAYS, (p) => [PATHWAY_LABELS[p], PATHWAY_FULL_LABELS[p]]);
const KIND_CHOICES = [
  ...choicesOf(MILESTONES, (m) => MILESTONE_LABELS[m]),
  ...choicesOf(JOURNEY_DATE_KINDS, (k) => JOURNEY_DATE_LABELS[k]),
];
const RESULT_CHOICES = choicesOf(VIABILITY_RESULTS, (v) => VIABILITY_RESULT_LABELS[v]);

export const householdsCommands: Command[] = [
  {
    name: 'households',
    summary: 'List households (search, filter, sort), as the Households screen does',
    usage:
      'households [--search TEXT] [--status S] [--stage S] [--pathway P] [--fy 2024/25] [--overdue] [--limit N] [--db PATH] [--json]',
    options: {
      search: { type: 'string', value: 'TEXT', description: 'Start of a reference, name, email or postcode' },
      status: { type: 'string', value: 'S', description: orList(STATUSES) + OR_WORDS },
      stage: {
        type: 'string',
        value: 'S',
        description: CURRENT_STAGES.join(', ') + OR_WORDS,
      },
      pathway: { type: 'string', value: 'P', description: orList(PATHWAYS) + OR_WORDS },
      fy: { type: 'string', value: 'YYYY/YY', description: 'Financial year of the enquiry, e.g. 2024/25' },
      overdue: { type: 'boolean', description: 'Only households with an overdue alert' },
      limit: { type: 'string', value: 'N', description: 'How many rows (default 50, at most 500)' },
      ...DB_OPTION,
      ...JSON_OPTION,
    },
    async run({ call, io, options }) {
      const str = (k: string) => (typeof options[k] === 'string' ? (options[k] as string) : undefined);
      const list = await call('households.listHouseholds', {
        search: str('search'),
        status: chooseOption(options.status, STATUS_CHOICES, 'status', 'a status') as Status | undefined,
        stage: chooseOption(options.stage, STAGE_CHOICES, 'stage', 'a stage') as CurrentStage | undefined,
        pathway: chooseOption(options.pathway, PATHWAY_CHOICES, 'pathway', 'a pathway') as
          Pathway | undefined,
        fy: fyOption(options.fy, 'fy'),
        overdue: options.overdue === true ? true : undefined,
        limit: boundedIntOption(options.limit, 'limit', 1, 500, 50),
      });
      if (options.json) io.out(JSON.stringify(list));
      else {
        io.out(
          `${countOf(list.total, 'household')}${list.total > list.rows.length ? ` (first ${list.rows.length})` : ''}`,
        );
        for (const r of list.rows)
          io.out(
            [
              r.reference.padEnd(10),
              // As the list on screen: who a search found it by, where not its own names.
              (r.foundBy ? `${r.name} · ${foundByWords(r.status, r.foundBy)}` : r.name).padEnd(24),
              statusWords(r.status).padEnd(8),
              currentStageLabel(r.stage).padEnd(9),
              formatUkDate(r.enquiryDate),
              r.overdue ? 'OVERDUE' : '',
            ].join(' '),
          );
      }
      return 0;
    },
  },
  {
    name: 'household',
    summary: 'Show one household: details, milestones, endings and alerts',
    usage: 'household REFERENCE [--db PATH] [--json]',
    positionals: [1, 1],
    options: { ...DB_OPTION, ...JSON_OPTION },
    async run(cmd) {
      const r = await cmd.call('households.getHousehold', { id: await idOf(cmd, cmd.positionals[0]!) });
      if (cmd.options.json) cmd.io.out(JSON.stringify(r));
      else {
        cmd.io.out(
          // An approved or ceased household's stage is its status: said once ("Mainstream, Approved").
          `${r.reference}  ${recordName(r)}  (${[pathwayWords(r.pathway), statusWords(r.status), ...(currentStageLabel(r.stage) === statusWords(r.status) ? [] : [currentStageLabel(r.stage)])].join(', ')})`,
        );
        // As the record: its Journey (with pathway switches), then its journey's dated steps.
        for (const line of [...milestoneLines(r), ...journeyDateLines(r)]) cmd.io.out(line);
        // Each ending's exit interview under it, its reasons in the list's words (retired ones too).
        const interview = await exitInterviewLines(cmd, r.exitInterviews);
        for (const c of r.closures) {
          cmd.io.out(`  ${closureLine(c)}`);
          for (const line of interview((i) => i.closureId === c.id, 'dropout')) cmd.io.out(line);
        }
        if (r.cessation) {
          cmd.io.out(`  ${cessationLine(r.cessation)}`);
          const ceased = r.cessation.id;
          for (const line of interview((i) => i.cessationId === ceased, 'leaving')) cmd.io.out(line);
        }
        for (const a of r.alerts)
          cmd.io.out(`  alert: ${a.label}: due ${formatUkDate(a.due)}${a.overdue ? ' (overdue)' : ''}`);
      }
      return 0;
    },
  },
  {
    name: 'record-milestone',
    summary: 'Record a milestone or a dated step of the journey (the same rules as the app)',
    usage: `record-milestone REFERENCE KIND --date DD/MM/YYYY [--result ${VIABILITY_RESULTS.join('|')}] [--reason TEXT] [--weeks N] [--correction TEXT] [--db PATH] [--json]
  (KIND: ${MILESTONES.join(', ')}; or a dated step: ${JOURNEY_DATE_KINDS.join(', ')})`,
    positionals: [2, 2],
    // Each KIND beside the record's words for it, which are taken too ("Initial visit").
    helpNotes: async () => ['KIND, by its key or as the record words it:', ...choiceLines(KIND_CHOICES)],
    options: {
      date: { type: 'string', value: 'DD/MM/YYYY', description: 'The milestone date (or YYYY-MM-DD)' },
      result: {
        type: 'string',
        value: 'R',
        description: `viability_outcome: ${orList(VIABILITY_RESULTS)}${OR_WORDS}`,
      },
      reason: { type: 'string', value: 'TEXT', description: 'extension: why it was extended' },
      weeks: {
        type: 'string',
        value: 'N',
        description: `extension: how many weeks it runs, 1 to ${REG25_MAX_WEEKS}, or none (not recorded: taken as the longest allowed); not given, a correction keeps the length held`,
      },
      correction: {
        type: 'string',
        value: 'TEXT',
        description: 'A milestone or dated step already recorded: why it is corrected',
      },
      ...DB_OPTION,
      ...JSON_OPTION,
    },
    async run(cmd) {
      const kind = choose(cmd.positionals[1]!, KIND_CHOICES, 'KIND', 'a milestone or a dated step');
      const isStep = (JOURNEY_DATE_KINDS as readonly string[]).includes(kind);
      const result = chooseOption(cmd.options.result, RESULT_CHOICES, 'result', 'a viability result');
      const id = await idOf(cmd, cmd.positionals[0]!);
      const date = dateOption(cmd.options.date, 'date');
      const text = (v: string | boolean | undefined) => (typeof v === 'string' ? v : null);
      const correction = text(cmd.options.correction);
      const weeks = weeksOption(cmd.options.weeks, kind);
      // What stood before, so the answer says what happened: recorded, corrected, or nothing new.
      const before = await cmd.call('households.getHousehold', { id });
      const was = isStep
        ? before.journeyDates.find((j) => j.kind === kind && j.episode === before.episode)
        : before.milestones.find((m) => m.kind === kind && m.episode === before.episode);
      const r = await withOptionHints(async () =>
        isStep
          ? cmd.call('households.recordJourneyDate', {
              id,
              kind: kind as JourneyDateKind,
              date,
              result: (result as ViabilityResult | undefined) ?? null,
              // A correction that does not give the extension's reason keeps the one held, as an
              // omitted --weeks keeps its length (the record's form fills it in; helper-242).
              extensionReason:
                text(cmd.options.reason) ?? (was && 'reason' in was && correction ? was.reason : null),
              extensionWeeks: weeks,
              correctionReason: correction,
            })
          : // A milestone already recorded is corrected, with the reason, as the record's form does.
            was && correction
            ? cmd.call('households.correctMilestone', {
                id,
                kind: kind as Milestone,
                date,
                reason: correction,
              })
            : cmd.call('households.recordMilestone', { id, kind: kind as Milestone, date }),
      );
      if (cmd.options.json) cmd.io.out(JSON.stringify(r));
      else {
        const now = isStep
          ? r.journeyDates.find((j) => j.kind === kind && j.episode === r.episode)
          : r.milestones.find((m) => m.kind === kind && m.episode === r.episode);
        const what = !was
          ? `recorded ${journeyDateText(now ?? { date })}`
          : now && journeyDateText(now) === journeyDateText(was)
            ? `already recorded ${journeyDateText(was)}: nothing changed`
            : `corrected from ${journeyDateText(was)} to ${journeyDateText(now ?? { date })}`;
        cmd.io.out(`${r.reference}: ${stepWords(kind)} ${what}; ${whereNow(r)}.`);
        // As the screen says it: the steps before it with no date (accepted, but uncounted).
        const gaps = isStep || was ? null : missingStepsOfRecord(kind as Milestone, r);
        if (gaps) cmd.io.out(gaps);
      }
      return 0;
    },
  },
];
