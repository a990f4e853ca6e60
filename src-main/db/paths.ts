import { createHash } from 'node:crypto';
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

/**
 * The longest file name the disks the app runs on hold: 255 bytes (ext4, APFS), 255 UTF-16 units
 * (NTFS), as nameLength counts them.
 */
export const NAME_MAX = 255;

/** A file name's length as `platform`'s disks count it against NAME_MAX: UTF-16 units on Windows, UTF-8 bytes elsewhere. */
export const nameLength = (name: string, platform: NodeJS.Platform = process.platform): number =>
  platform === 'win32' ? name.length : Buffer.byteLength(name);

/** What fitName puts after the cut of `name`: `~` and 8 hex digits of its SHA-256. */
const cutMark = (name: string): string => `~${createHash('sha256').update(name).digest('hex').slice(0, 8)}`;

/**
 * `name` itself where it is at most `max` long (nameLength), so every name that fits is the one
 * earlier versions used; otherwise its start, cut between characters, then cutMark: `max` long
 * at most (but never less than cutMark alone), the same for the same name and `max` on every run,
 * and another for another name.
 */
export function fitName(name: string, max: number, platform: NodeJS.Platform = process.platform): string {
  if (nameLength(name, platform) <= max) return name;
  const mark = cutMark(name);
  let head = '';
  for (const ch of name) {
    if (nameLength(head + ch + mark, platform) > max) break;
    head += ch;
  }
  return head + mark;
}

/**
 * The fitName of `name` (to whatever length) that `fileName` starts with, followed by `then`, or
 * null: a name cut to fit in one folder is still known as this name's once the folder has moved.
 */
export function cutOf(name: string, fileName: string, then: string): string | null {
  const mark = cutMark(name) + then;
  const at = fileName.indexOf(mark);
  return at >= 0 && name.startsWith(fileName.slice(0, at)) ? fileName.slice(0, at) + cutMark(name) : null;
}
