import { toIso, type IsoDate } from './domain/dates.ts';

/**
 * The one clock of the core. Every "what is today / now" (purge due dates, alerts, default
 * report years, sample data, backup stamps and daily rotation, audit times) asks here, so a test
 * can fix time for everything at once and no result depends on the day the suite runs.
 *
 * `FOSTERING_FUNNEL_NOW` (an ISO date or date-time) fixes the clock for a whole process: the
 * test suites set it for the CLI and server processes they start. Unset, the system clock rules.
 */
const ENV = 'FOSTERING_FUNNEL_NOW';
/** When a parent process hands its clock on: the system time (ms) at which ENV's moment was read. */
const ENV_AT = 'FOSTERING_FUNNEL_NOW_AT';

// A set clock keeps ticking from the moment it was set, so stamps stay in order (backups,
// audit entries) while the calendar day is the one the test chose.
let offsetMs = offsetTo(parseFixed(process.env[ENV]), Number(process.env[ENV_AT]) || Date.now());

function offsetTo(at: Date | null, systemNow = Date.now()): number {
  return at ? at.getTime() - systemNow : 0;
}

function parseFixed(value: string | undefined): Date | null {
  if (!value) return null;
  // A bare date means midday where the user is, so no time zone can move it to another day.
  const at = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00`) : new Date(value);
  if (Number.isNaN(at.getTime())) throw new Error(`${ENV} is not a date: ${value}`);
  return at;
}

/** Now, as a Date. */
export function now(): Date {
  return new Date(Date.now() + offsetMs);
}

/** Now as ISO 8601 UTC text, for timestamps stored in the database. */
export function nowIso(): string {
  return now().toISOString();
}

/** Today's calendar day where the user is. */
export function today(): IsoDate {
  return dayOf(now());
}

/** The calendar day a moment falls on where the user is (not in UTC: 00:30 in summer is the UK's next day). */
export function dayOf(moment: Date): IsoDate {
  return toIso(moment.getFullYear(), moment.getMonth() + 1, moment.getDate());
}

/** Sets the clock to a moment, from which it ticks on (tests); `null` returns to the system clock. */
export function setClock(at: string | Date | null): void {
  offsetMs = offsetTo(typeof at === 'string' ? parseFixed(at) : at);
}

export const CLOCK_ENV = ENV;

/**
 * What a process this one starts (the import worker) needs in its environment to keep this clock:
 * a set clock is handed on, so the child's stamps follow this process's instead of starting again
 * from the moment first set (a worker's import batch was stamped before a purge this process had
 * already made). Nothing when the system clock rules.
 */
export function clockForChild(): Record<string, string> {
  if (offsetMs === 0) return {};
  // The moment and the system time it was read at: the child's clock is this one, however long it
  // takes to start (read when it starts, the moment alone left it behind by its start-up).
  const systemNow = Date.now();
  return { [ENV]: new Date(systemNow + offsetMs).toISOString(), [ENV_AT]: String(systemNow) };
}
