import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_NAME = 'Fostering Funnel';
export const DB_FILE_NAME = 'fostering-funnel.db';

/**
 * The per-user app data folder, computed exactly as Electron computes `userData`
 * for an app named "Fostering Funnel", so the CLI, the server and the app agree.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_NAME);
}

/** `--db PATH` wins, then FOSTERING_FUNNEL_DB, then the app data folder. */
export function resolveDbPath(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  return explicit ?? env.FOSTERING_FUNNEL_DB ?? join(defaultDataDir(env), DB_FILE_NAME);
}

/** The "Try with sample data" database: beside the real one, never the same file. */
export const sampleDbPath = (env: NodeJS.ProcessEnv = process.env): string =>
  join(defaultDataDir(env), 'sample-data.db');

export const backupsDir = (dbPath: string): string => join(dbPath + '-backups');
