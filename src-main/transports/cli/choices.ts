import { isFinancialYear } from '../../domain/financial-year.ts';
import { normaliseLabel } from '../../domain/reasons.ts';
import { UsageError } from './command.ts';

/**
 * One value an option takes: its key (what --json and scripts use) and the words the screens show
 * for it, the first being how the screen names it. The labels come from where the screens take
 * theirs (domain/, contract/), never from a list of the CLI's own.
 */
export interface Choice {
  key: string;
  labels: readonly string[];
}

/** Choices from a key list and its labels (`STATUSES`, `STATUS_LABELS`). */
export const choicesOf = <K extends string>(
  keys: readonly K[],
  label: (key: K) => string | readonly string[],
): Choice[] =>
  keys.map((key) => {
    const l = label(key);
    return { key, labels: typeof l === 'string' ? [l] : l };
  });

/** The choices as lines, key then the screen's words: "  lost_contact   Lost contact". */
export function choiceLines(choices: readonly Choice[]): string[] {
  const width = Math.max(...choices.map((c) => c.key.length));
  return choices.map((c) => `  ${c.key.padEnd(width)}   ${c.labels[0] ?? ''}`.trimEnd());
}

/**
 * A value as a person types it: the key (exactly, as scripts give it), or the key or any of its
 * labels written loosely ("Lost contact", "lost contact", "LOST-CONTACT": letters and digits
 * alone, any case, as an import matches a cell). One that matches no choice, or matches two, is a
 * usage error listing every choice with the words the screen shows for it.
 *
 * `what` names the value in the refusal ("--status", "KIND"); `noun` says what it should be
 * ("a status"); `listed`, the choices a refusal offers, where some are accepted but no longer
 * offered (a retired reason, matched so that the core's refusal can say it is retired).
 */
export function choose(
  given: string,
  choices: readonly Choice[],
  what: string,
  noun: string,
  listed: readonly Choice[] = choices,
): string {
  if (choices.some((c) => c.key === given)) return given;
  const wanted = normaliseLabel(given);
  const found = wanted
    ? choices.filter((c) => [c.key, ...c.labels].some((w) => normaliseLabel(w) === wanted))
    : [];
  if (found.length === 1) return found[0]!.key;
  const lines =
    found.length > 1
      ? [`${what} "${given}" could be any of these; give its key:`, ...choiceLines(found)]
      : [
          `${what} "${given}" is not ${noun}. Give one of these, by its key or its words:`,
          ...choiceLines(listed),
        ];
  throw new UsageError(lines.join('\n'));
}

/** An option's value through `choose`, or undefined when the option is not given. */
export function chooseOption(
  value: string | boolean | undefined,
  choices: readonly Choice[],
  name: string,
  noun: string,
): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new UsageError(`--${name} needs a value.`);
  return choose(value, choices, `--${name}`, noun);
}

/** A financial year option as the reports write it, "2024/25", or undefined when not given. */
export function fyOption(value: string | boolean | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !isFinancialYear(value.trim())) {
    throw new UsageError(`--${name} needs a financial year like 2024/25.`);
  }
  return value.trim();
}

/** A whole number option from `min` to `max` ("--limit 50"), or `fallback` when not given. */
export function boundedIntOption(
  value: string | boolean | undefined,
  name: string,
  min: number,
  max: number,
  fallback: number,
): number {
  if (value === undefined) return fallback;
  const n = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max)
    throw new UsageError(
      `--${name} needs a whole number from ${min.toLocaleString('en-GB')} to ${max.toLocaleString('en-GB')}.`,
    );
  return n;
}
