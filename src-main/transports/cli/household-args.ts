import { ApiError } from '../../contract/errors.ts';
import type { ReasonList } from '../../domain/reasons.ts';
import { formatUkDate, parseUkDate } from '../../domain/dates.ts';
import { householdIdByReference, referenceGone } from '../../db/queries/household-lookups.ts';
import { choose } from './choices.ts';
import { UsageError, type CommandRun } from './command.ts';

/*
 * What the household commands share: a household by its reference, a date and a reason, as people
 * give them.
 */

/** What --help adds to an option whose values are keys: the screen's words are taken too. */
export const OR_WORDS = ' (or as the screen words it)';

/** A household by reference (as people know it) → its id; refused when unknown. */
export async function idOf(cmd: CommandRun, reference: string): Promise<number> {
  const ctx = await cmd.context();
  // In any case, as the app takes it (ff000161 is FF000161); the exact spelling wins where two
  // households hold the same letters, and a third spelling of two is refused naming both.
  const id = householdIdByReference(ctx.store.db, reference, 'nocase');
  if (id !== undefined) return id;
  // A duplicate merged away is not "no household": say which household holds it now.
  const gone = referenceGone(ctx.store.db, reference);
  throw new ApiError(
    'not_found',
    gone?.kind === 'merged'
      ? `${reference} was merged into ${gone.into} on ${formatUkDate(gone.on)}: use ${gone.into}.`
      : `There is no household with reference ${reference}.`,
  );
}

/**
 * A date option as the officer writes it, dd/mm/yyyy (or YYYY-MM-DD, as scripts do): the app's
 * own date rule, so 20/11/2026 is the 20th of November here as in every date field.
 */
export const dateOption = (value: string | boolean | undefined, name: string): string => {
  const iso = typeof value === 'string' ? parseUkDate(value) : null;
  if (!iso)
    throw new UsageError(
      `--${name} needs a real date as dd/mm/yyyy (or YYYY-MM-DD)${typeof value === 'string' ? `, not "${value}"` : ''}.`,
    );
  return iso;
};

/**
 * A reason as the officer gives it: its key, or its key or label written loosely ("lost contact",
 * "Lost contact / no response"), as Settings names it. A retired reason is matched too, so that the
 * core's refusal names it as retired rather than as unknown. One that matches none is refused
 * listing the reasons in use with their labels.
 */
export async function reasonKeyOf(cmd: CommandRun, list: ReasonList, given: string): Promise<string> {
  const reasons = await cmd.call('reasons.listReasons', { list, includeRetired: true });
  const choices = reasons.map((r) => ({ key: r.key, labels: [r.label] }));
  const inUse = reasons.filter((r) => !r.retired).map((r) => ({ key: r.key, labels: [r.label] }));
  return choose(
    given,
    choices,
    '--reason',
    list === 'dropout' ? 'a drop-out reason' : 'a leaving reason',
    inUse,
  );
}
