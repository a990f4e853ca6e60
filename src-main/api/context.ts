import { userInfo } from 'node:os';
import { removeSampleFiles } from '../db/sample-files.ts';
import type { Store } from '../db/store.ts';
import { today as clockToday } from '../clock.ts';
import type { IsoDate } from '../domain/dates.ts';

/** Everything a handler may use. Built once per process by the transport that serves it. */
export interface AppContext {
  store: Store;
  /** Who is making changes: the OS user name, written to the audit log. */
  user: string;
  /** Today's date where the user is; injectable so tests are reproducible. */
  today(): IsoDate;
  /** Where the sample database lives (never the user's real file). */
  sampleDbPath: string;
  /** The user's real database, to return to after trying the sample. */
  realDbPath: string;
}

export function osUserName(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}

export const createContext = (
  store: Store,
  paths: { sampleDbPath: string; realDbPath: string },
  overrides: Partial<Pick<AppContext, 'user' | 'today'>> = {},
): AppContext => ({
  store,
  user: overrides.user ?? osUserName(),
  today: overrides.today ?? clockToday,
  ...paths,
});

/**
 * A normal stop (browser mode's Ctrl+C or SIGTERM, the app's quit): the database is closed and, in
 * sample mode, the sample files are deleted as going back to your own data deletes them
 * (db/sample-files.ts). What cannot be is left to the next start or try.
 */
export function closeContext(ctx: AppContext): void {
  const wasSample = ctx.store.isSample;
  ctx.store.close();
  if (wasSample) removeSampleFiles(ctx.sampleDbPath, ctx.realDbPath);
}
