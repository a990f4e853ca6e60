import {
  CEASE_INITIATED_BY,
  CEASE_INITIATED_BY_LABELS,
  ENDED_BY,
  ENDED_BY_LABELS,
  type CeaseInitiatedBy,
  type EndedBy,
} from '../../domain/stages.ts';
import { orList } from '../../domain/words.ts';
import { RESIGNATION_NOTICE_DAYS } from '../../domain/order-rules.ts';
import { formatUkDate } from '../../domain/dates.ts';
import type { Command } from './command.ts';
import { DB_OPTION, JSON_OPTION, UsageError } from './command.ts';
import { choicesOf, chooseOption } from './choices.ts';
import { dateOption, idOf, OR_WORDS, reasonKeyOf } from './household-args.ts';
import { cessationLine, closureLine, whereNow } from './household-lines.ts';

/**
 * How a journey ends or starts again, as the record's actions do it: a closure (drop-out), a
 * re-opening (the family enquires again: a new episode), a cessation (an approved household stops
 * fostering). Each goes through the same contract method as the screen's form, so the journey
 * engine's rules and refusals are the same.
 */
const ENDED_BY_CHOICES = choicesOf(ENDED_BY, (e) => ENDED_BY_LABELS[e]);
const INITIATED_BY_CHOICES = choicesOf(CEASE_INITIATED_BY, (i) => CEASE_INITIATED_BY_LABELS[i]);

const optionalText = (value: string | boolean | undefined): string | null =>
  typeof value === 'string' && value.trim() ? value.trim() : null;

export const endingsCommands: Command[] = [
  {
    name: 'close',
    summary: 'Close (drop out) a household with a reason',
    usage: `close REFERENCE --date DD/MM/YYYY --reason KEY --ended-by ${ENDED_BY.join('|')} [--notes TEXT] [--db PATH] [--json]`,
    positionals: [1, 1],
    options: {
      date: { type: 'string', value: 'DD/MM/YYYY', description: 'Closure date (or YYYY-MM-DD)' },
      reason: {
        type: 'string',
        value: 'KEY',
        description: 'Drop-out reason: its key or its label (see Settings), e.g. lost_contact',
      },
      'ended-by': { type: 'string', value: 'WHO', description: orList(ENDED_BY) + OR_WORDS },
      notes: { type: 'string', value: 'TEXT', description: 'Notes' },
      ...DB_OPTION,
      ...JSON_OPTION,
    },
    async run(cmd) {
      const endedBy = chooseOption(cmd.options['ended-by'], ENDED_BY_CHOICES, 'ended-by', 'who ended it');
      if (endedBy === undefined)
        throw new UsageError(`--ended-by needs who ended it: ${orList(ENDED_BY)}${OR_WORDS}.`);
      if (typeof cmd.options.reason !== 'string')
        throw new UsageError(
          '--reason needs the drop-out reason: its key or its label, as Settings names it.',
        );
      const reasonKey = await reasonKeyOf(cmd, 'dropout', cmd.options.reason);
      const id = await idOf(cmd, cmd.positionals[0]!);
      const date = dateOption(cmd.options.date, 'date');
      const r = await cmd.call('households.closeHousehold', {
        id,
        date,
        reasonKey,
        endedBy: endedBy as EndedBy,
        notes: optionalText(cmd.options.notes),
      });
      // The closure just made (the current episode's standing one), as `household` prints it.
      const made = r.closures.find((c) => c.episode === r.episode && c.reopenedOn === null);
      cmd.io.out(
        cmd.options.json
          ? JSON.stringify(r)
          : `${r.reference}: ${made ? closureLine(made) : `closed; ${whereNow(r)}`}.`,
      );
      return 0;
    },
  },
  {
    name: 'reopen',
    summary: 'Re-open a closed household: it enquires again, as a new episode counted in its own year',
    usage: 'reopen REFERENCE --date DD/MM/YYYY [--notes TEXT] [--db PATH] [--json]',
    positionals: [1, 1],
    options: {
      date: { type: 'string', value: 'DD/MM/YYYY', description: 'The new enquiry date (or YYYY-MM-DD)' },
      notes: { type: 'string', value: 'TEXT', description: 'Re-open notes' },
      ...DB_OPTION,
      ...JSON_OPTION,
    },
    async run(cmd) {
      const id = await idOf(cmd, cmd.positionals[0]!);
      const enquiryDate = dateOption(cmd.options.date, 'date');
      const r = await cmd.call('households.reopenHousehold', {
        id,
        enquiryDate,
        notes: optionalText(cmd.options.notes),
      });
      cmd.io.out(
        cmd.options.json
          ? JSON.stringify(r)
          : `${r.reference}: re-opened with a new enquiry of ${formatUkDate(enquiryDate)} (episode ${r.episode}); ${whereNow(r)}.`,
      );
      return 0;
    },
  },
  {
    name: 'cease',
    summary: 'Record that an approved household ceased fostering, with its leaving reason',
    usage: `cease REFERENCE (--notice-date DD/MM/YYYY | --date DD/MM/YYYY) --reason KEY --initiated-by ${CEASE_INITIATED_BY.join('|')} [--notes TEXT] [--db PATH] [--json]`,
    positionals: [1, 1],
    options: {
      'notice-date': {
        type: 'string',
        value: 'DD/MM/YYYY',
        description: `Date of written notice: a resignation takes effect ${RESIGNATION_NOTICE_DAYS} days after it`,
      },
      date: {
        type: 'string',
        value: 'DD/MM/YYYY',
        description: `Date fostering ends (without it, ${RESIGNATION_NOTICE_DAYS} days after the notice)`,
      },
      reason: {
        type: 'string',
        value: 'KEY',
        description: 'Leaving reason: its key or its label (see Settings), e.g. transfer_ifa',
      },
      'initiated-by': { type: 'string', value: 'WHO', description: orList(CEASE_INITIATED_BY) + OR_WORDS },
      notes: { type: 'string', value: 'TEXT', description: 'Cessation notes' },
      ...DB_OPTION,
      ...JSON_OPTION,
    },
    async run(cmd) {
      const initiatedBy = chooseOption(
        cmd.options['initiated-by'],
        INITIATED_BY_CHOICES,
        'initiated-by',
        'who initiated it',
      );
      if (initiatedBy === undefined)
        throw new UsageError(
          `--initiated-by needs who initiated it: ${orList(CEASE_INITIATED_BY)}${OR_WORDS}.`,
        );
      if (typeof cmd.options.reason !== 'string')
        throw new UsageError(
          '--reason needs the leaving reason: its key or its label, as Settings names it.',
        );
      const given = (name: 'date' | 'notice-date') =>
        cmd.options[name] === undefined ? undefined : dateOption(cmd.options[name], name);
      const date = given('date');
      const noticeDate = given('notice-date');
      if (date === undefined && noticeDate === undefined)
        throw new UsageError(
          `Give --notice-date (fostering ends ${RESIGNATION_NOTICE_DAYS} days after it), --date, or both.`,
        );
      const reasonKey = await reasonKeyOf(cmd, 'leaving', cmd.options.reason);
      const id = await idOf(cmd, cmd.positionals[0]!);
      const r = await cmd.call('households.ceaseHousehold', {
        id,
        ...(date === undefined ? {} : { date }),
        ...(noticeDate === undefined ? {} : { noticeDate }),
        reasonKey,
        initiatedBy: initiatedBy as CeaseInitiatedBy,
        notes: optionalText(cmd.options.notes),
      });
      cmd.io.out(
        cmd.options.json
          ? JSON.stringify(r)
          : `${r.reference}: ${r.cessation ? cessationLine(r.cessation) : whereNow(r)}.`,
      );
      return 0;
    },
  },
];
