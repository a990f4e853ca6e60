import Database from 'better-sqlite3';
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Database as Db } from 'better-sqlite3';
import { backupsFolderLink, damagedCopies, listBackups, removeAbandonedCopies } from './backup.ts';
import { writePrivateFileAtomically } from './private-files.ts';
import { fitName, NAME_MAX, nameLength } from './paths.ts';
import { nowIso } from '../clock.ts';
import { logFault } from '../fault-log.ts';
import { eraser } from './erase.ts';
import { eraseBatchNames, eraseImportNames } from './erase-import-names.ts';
import { rewriteFile, rewriteOwed } from './rewrite-owed.ts';
import { hasTable } from './has-table.ts';
import { withoutWaitingForLock } from './handle.ts';

/**
 * The purge ledger: which references were purged, and when (never a name). It makes erasure
 * final: whatever copy of the database is opened, restored or imported into, every household
 * listed is erased again before anything reads or copies it.
 *
 * It lives in two places, because each one alone can be rolled back:
 * - the `purge_ledger` table inside the database (migration 6), which travels with every copy
 *   made after the purge;
 * - a sidecar file beside the database, `<db>.purge-ledger.json` (0600), which a copy made
 *   before the purge does not carry: a restore by the app, or an older copy put back in the
 *   database's place by hand or from the council's own file backups, meets the sidecar when it
 *   is opened and is erased again. The two are merged (union) on every open, purge and restore.
 */
export interface LedgerEntry {
  reference: string;
  /**
   * When it was last purged (ISO 8601 UTC). A household purged again (details typed into it after
   * its purge, erased in their turn) is erased again in a copy whose household was purged before
   * that date: the copy may hold what the later purge erased.
   */
  purgedAt: string;
}

/** The longest that `.damaged-<stamp>` makes a name: what a cut name leaves room for. */
const DAMAGED_ROOM = '.damaged-2026-11-26T12-00-00-000Z'.length;

/** What follows the ledger's name at most: its `.tmp` as it is written, or `.damaged-<stamp>` as it is set aside. */
const LEDGER_ROOM = '.purge-ledger.json'.length + DAMAGED_ROOM;

/**
 * `<db>.purge-ledger.json`, as every version named it, where it and its `.tmp` fit the disk (a file
 * name of 233 bytes at most); for a longer one (open.ts refuses over 247) its name is cut to leave
 * room for `.damaged-<stamp>` too (paths.ts fitName). No ledger of such a name could be written
 * before (its `.tmp` did not fit: every open after a purge failed), so none is left unfound.
 */
export function ledgerPath(dbPath: string): string {
  const whole = `${dbPath}.purge-ledger.json`;
  if (nameLength(basename(whole) + '.tmp') <= NAME_MAX) return whole;
  return join(dirname(dbPath), `${fitName(basename(dbPath), NAME_MAX - LEDGER_ROOM)}.purge-ledger.json`);
}

const FORMAT = 'Fostering Funnel purge ledger';

/** The sidecar's entries; a missing file is an empty ledger, a damaged one is set aside (kept) and read as empty. */
export function readLedgerFile(dbPath: string): LedgerEntry[] {
  const path = ledgerPath(dbPath);
  if (!existsSync(path)) return [];
  try {
    const body = JSON.parse(readFileSync(path, 'utf8')) as { format?: string; entries?: unknown };
    if (body.format !== FORMAT || !Array.isArray(body.entries)) throw new Error('not a ledger');
    return body.entries.filter(
      (e): e is LedgerEntry =>
        typeof e === 'object' &&
        e !== null &&
        typeof (e as LedgerEntry).reference === 'string' &&
        typeof (e as LedgerEntry).purgedAt === 'string',
    );
  } catch {
    // Never silently lost: the table still holds every purge made in this file, and the
    // damaged sidecar stays beside it for whoever looks.
    renameSync(path, damagedPath(path));
    return [];
  }
}

/**
 * Where a damaged ledger is set aside: `<ledger>.damaged-<stamp>`, the ledger's name cut (fitName)
 * where that would not fit the disk. A database name of 205 to 233 bytes keeps the ledger's whole
 * name (ledgerPath), and its set-aside name did not fit, so the rename threw and every open failed.
 */
function damagedPath(path: string): string {
  const aside = `.damaged-${nowIso().replace(/[:.]/g, '-')}`;
  const name = basename(path);
  const fits = nameLength(name + aside) <= NAME_MAX;
  return join(dirname(path), (fits ? name : fitName(name, NAME_MAX - DAMAGED_ROOM)) + aside);
}

/** Written whole to a temporary file, then renamed over the old one: never half a ledger. */
export function writeLedgerFile(dbPath: string, entries: readonly LedgerEntry[]): void {
  const path = ledgerPath(dbPath);
  const body = JSON.stringify({ format: FORMAT, version: 1, entries }, null, 1);
  // Its temporary name is fixed (beside the database): a copy a crash left is replaced next time.
  writePrivateFileAtomically(path, body + '\n', `${path}.tmp`);
}

/** The ledger table's entries ([] for a database from before migration 6). */
export function ledgerTable(db: Db): LedgerEntry[] {
  if (!hasTable(db, 'purge_ledger')) return [];
  return db
    .prepare<[], LedgerEntry>('SELECT reference, purged_at AS purgedAt FROM purge_ledger ORDER BY reference')
    .all();
}

/** One entry per reference, its latest purge; sorted so equal ledgers compare equal. */
export function mergeLedgers(...lists: ReadonlyArray<readonly LedgerEntry[]>): LedgerEntry[] {
  const byRef = new Map<string, string>();
  for (const list of lists) {
    for (const e of list) {
      const seen = byRef.get(e.reference);
      if (seen === undefined || e.purgedAt > seen) byRef.set(e.reference, e.purgedAt);
    }
  }
  return [...byRef]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([reference, purgedAt]) => ({ reference, purgedAt }));
}

/**
 * The listed households this database holds unpurged, or purged only before the entry's (latest)
 * purge: a copy made between two purges of a household holds what was typed into it in between.
 */
function unpurged(db: Db, json: string) {
  return db
    .prepare<[string], { id: number; reference: string; purgedAt: string }>(
      `SELECT h.id, h.reference, e.value ->> 'purgedAt' AS purgedAt
       FROM json_each(?) e JOIN households h ON h.reference = e.value ->> 'reference'
       WHERE h.purged_at IS NULL OR h.purged_at < e.value ->> 'purgedAt'`,
    )
    .all(json);
}

/** Whether any listed household is held here unpurged (a read, nothing written). */
export const needsLedger = (db: Db, entries: readonly LedgerEntry[]): boolean =>
  entries.length > 0 && hasTable(db, 'households') && unpurged(db, JSON.stringify(entries)).length > 0;

/**
 * Erases every listed household this database still holds unpurged (or purged before the entry's
 * latest purge), and records the entries it lacks (or holds with an earlier purge) in its ledger table when it has one, in one transaction (nothing is written when there is
 * nothing to do). Works on any schema version (v1 on). An erasure records that the file owes a
 * rewrite (rewrite-owed.ts), which is how a caller knows it erased anything.
 */
export function applyLedger(db: Db, entries: readonly LedgerEntry[]): void {
  if (entries.length === 0 || !hasTable(db, 'households')) return;
  const json = JSON.stringify(entries);
  const ledger = hasTable(db, 'purge_ledger');
  const missing = () =>
    db
      .prepare<[string], number>(
        `SELECT COUNT(*) FROM json_each(?) e
         WHERE NOT EXISTS (SELECT 1 FROM purge_ledger p WHERE p.reference = e.value ->> 'reference'
                           AND p.purged_at >= e.value ->> 'purgedAt')`,
      )
      .pluck()
      .get(json)!;
  // Read first: opening a file whose ledger is already applied must not wait for (or block) a writer.
  if (unpurged(db, json).length === 0 && (!ledger || missing() === 0)) return;
  db.transaction(() => {
    const due = unpurged(db, json);
    if (due.length > 0) {
      const erase = eraser(db);
      for (const h of due) erase.household(h.id, h.reference, h.purgedAt);
      eraseImportNames(db);
    }
    if (ledger) {
      db.prepare(
        `INSERT INTO purge_ledger (reference, purged_at)
         SELECT e.value ->> 'reference', e.value ->> 'purgedAt' FROM json_each(?) e WHERE true
         ON CONFLICT (reference) DO UPDATE SET purged_at = MAX(purged_at, excluded.purged_at)`,
      ).run(json);
    }
  })();
}

/**
 * Brings the table and the sidecar together (each gets the union), then erases every household
 * listed. Called when a database is opened and after every purge and restore. `applied` is the
 * sidecar as read and applied (applyLedger) on this connection with its ledger table in place:
 * it is not read again, and where the table holds nothing more, nothing is left to erase.
 * Returns the union.
 */
export function syncLedger(db: Db, dbPath: string, applied?: readonly LedgerEntry[]): readonly LedgerEntry[] {
  const file = applied ?? readLedgerFile(dbPath);
  const table = ledgerTable(db);
  const more = tableHasMore(file, table);
  if (applied !== undefined && !more) return applied;
  const all = mergeLedgers(file, table);
  applyLedger(db, all);
  if (more) writeLedgerFile(dbPath, all);
  return all;
}

/**
 * Whether the table lists a purge the sidecar lacks (or a later one than it lists). A lookup, not
 * a merge and a comparison of the two sorted: the usual answer is no, and at 644,000 entries
 * sorting both took ~2.5 s of every open.
 */
function tableHasMore(file: readonly LedgerEntry[], table: readonly LedgerEntry[]): boolean {
  const latest = new Map<string, string>();
  const later = (e: LedgerEntry) => {
    const seen = latest.get(e.reference);
    return seen === undefined || e.purgedAt > seen;
  };
  for (const e of file) if (later(e)) latest.set(e.reference, e.purgedAt);
  return table.some(later);
}

/**
 * What an erasure reached beyond the database: the copies erased, those it could not open or write
 * (named, so the user knows to delete them), and, where a link stands at the backups folder's name,
 * that folder, none of whose files was opened (the app never follows the link), so the user is told
 * the backups there were not erased rather than the purge passing over them in silence.
 */
export interface BackupErasure {
  erased: string[];
  failed: string[];
  behindLink: string | null;
}

/**
 * Runs `erase` in every backup the app keeps beside the database (each a database of its own, of
 * whatever schema version it was made at), and in every damaged database a restore kept aside
 * there, and, where it erased anything, rebuilds the copy with VACUUM so no erased byte stays in
 * a free page. A copy that cannot be opened, read or written (a damaged one, most often) is
 * named in `failed`, so the user knows to delete it.
 */
function eachBackup(dbPath: string, erase: (copy: Database.Database) => void): BackupErasure {
  const erased: string[] = [];
  const failed: string[] = [];
  for (const path of [...listBackups(dbPath).map((b) => b.path), ...damagedCopies(dbPath)]) {
    let copy: Database.Database | null = null;
    try {
      copy = new Database(path, { fileMustExist: true, timeout: 2000 });
      copy.pragma('secure_delete = ON');
      erase(copy);
      // Every erasure records that a rewrite is owed (rewrite-owed.ts), so a copy is rewritten
      // where it erased anything now, or was erased before and its rewrite failed.
      if (!rewriteOwed(copy)) continue;
      rewriteFile(copy);
      erased.push(path);
    } catch {
      failed.push(path);
    } finally {
      copy?.close();
    }
  }
  return { erased, failed, behindLink: backupsFolderLink(dbPath) };
}

/** Applies the ledger to every backup the app keeps beside the database. */
export function eraseInBackups(dbPath: string, entries: readonly LedgerEntry[]): BackupErasure {
  if (entries.length === 0) return { erased: [], failed: [], behindLink: null };
  // A copy a crash cut short cannot be erased in place (it may not even open): it goes.
  removeAbandonedCopies(dbPath);
  return eachBackup(dbPath, (copy) => {
    if (needsLedger(copy, entries)) applyLedger(copy, entries);
    // Its households purged already (in a copy made after a purge, or by a version that kept the
    // names of the imports they came from): those names may still be there.
    else eraseImportNames(copy);
  });
}

/** A household an undone import created and removed: its id (never re-used) and reference. */
export interface RemovedHousehold {
  id: number;
  reference: string;
}

/**
 * After an undo: each household the import created is gone from the database, but a backup made
 * between the import and its undo still holds it, names and all, where no purge (it is in no
 * ledger) and no subject access export reaches it. It is erased there (db/erase.ts `removed`),
 * matched by id and reference (ids are never re-used), and so are the file and sheet names of
 * `namesOf`, the imports whose names the undo erased (erase-import-names.ts).
 */
export function eraseRemovedInBackups(
  dbPath: string,
  removed: readonly RemovedHousehold[],
  namesOf: readonly number[] = [],
): BackupErasure {
  if (removed.length === 0) return { erased: [], failed: [], behindLink: null };
  // A copy a crash cut short since the import may hold them too, and cannot be erased in place: it goes.
  removeAbandonedCopies(dbPath);
  const json = JSON.stringify(removed);
  return eachBackup(dbPath, (copy) => {
    const held = copy
      .prepare<[string], RemovedHousehold>(
        `SELECT h.id, h.reference FROM json_each(?) e
         JOIN households h ON h.id = e.value ->> 'id' AND h.reference = e.value ->> 'reference'`,
      )
      .all(json);
    if (held.length === 0) return;
    const erase = eraser(copy);
    copy.transaction(() => {
      held.forEach((h) => erase.removed(h.id, h.reference));
      eraseBatchNames(copy, namesOf);
    })();
  });
}

/**
 * After a purge: the sidecar gets the ledger, the file is rewritten where anything was erased
 * (every erasure records that a rewrite is owed: rewrite-owed.ts), the WAL is emptied, and every
 * backup is erased too.
 */
export function spreadPurge(db: Db, dbPath: string): BackupErasure {
  const all = syncLedger(db, dbPath);
  // Also where nothing was due: the names of imports whose households an earlier version purged
  // or undid.
  db.transaction(() => eraseImportNames(db))();
  if (rewriteOwed(db)) rewriteErased(db);
  emptyWalOfErased(db);
  return eraseInBackups(dbPath, all);
}

/**
 * After an erasure (a purge, an undo that removed households, the ledger applied to an older copy
 * as it opens): the file is rewritten
 * (rewriteErased), and the WAL, which still holds the pages as they were, is checkpointed into it
 * and truncated: now, or, while a reader holds the WAL, as soon as it has gone.
 */
export function eraseFromFile(db: Db, { retry = true }: { retry?: boolean } = {}): void {
  rewriteErased(db, retry);
  emptyWalOfErased(db);
}

/**
 * secure_delete (set on every connection) zeroes what SQLite deletes, but when SQLite rebuilds a
 * page (moving cells between pages as rows grow, shrink or go) it leaves the bytes between the
 * page's cell pointers and its cells as they were: copies of values edited away before a purge,
 * or erased by it, stayed there, readable with `grep -a` (purge-leaks.test.ts found them in
 * households pages once migration 38 changed the rows' layout). VACUUM builds every page afresh,
 * as the backups' erasure (eachBackup) already did. It copies the whole file: well under a
 * second at a council's size; it holds the app for about as long as a backup of the file takes.
 * The erasure before it is committed: a VACUUM that cannot run now (another program writing past
 * the busy timeout, the disk too full for its copy) must neither report it as failed nor stop the
 * WAL and the backups being erased, so its fault is logged and it is tried again later.
 */
function rewriteErased(db: Db, retry = true): void {
  try {
    rewriteFile(db);
  } catch (e) {
    logFault(e, { quiet: true });
    // Owed still (rewrite-owed.ts): if this process ends first, the next open rewrites it.
    if (!retry) return;
    retryLater(
      db,
      () => {
        // Another process may have made it meanwhile.
        if (rewriteOwed(db)) rewriteFile(db);
        emptyWalOfErased(db);
        return true;
      },
      REWRITE_RETRY_MS,
      REWRITE_TRIES,
    );
  }
}

/** A rewrite that failed is tried again every 30 s for ten minutes (each try copies the file). */
const REWRITE_RETRY_MS = 30_000;
const REWRITE_TRIES = 20;

/** The WAL checkpointed into the database and truncated: now, or once a reader holding it has gone. */
function emptyWalOfErased(db: Db): void {
  if (!emptyWal(db)) emptyWalLater(db);
}

/** Checkpoints the whole WAL into the database and truncates it; false while a reader still needs it. */
function emptyWal(db: Db): boolean {
  const [r] = db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
  return !r?.busy;
}

/** How often a WAL a reader kept from being emptied after a purge is tried again. */
const EMPTY_WAL_RETRY_MS = 1000;

/**
 * A reader (the import worker previewing, the CLI, another program) held the WAL through the
 * purge's checkpoint, so the WAL still holds the pages as they were before the erasure, and
 * nothing else truncates it while the app keeps the file open (the automatic checkpoints
 * neither wait for a full checkpoint nor truncate). Tried again without waiting
 * (busy_timeout 0, so no call of the app is held up) until it is done or the connection closes.
 */
function emptyWalLater(db: Db): void {
  retryLater(db, () => emptyWal(db), EMPTY_WAL_RETRY_MS);
}

/**
 * Tries `attempt` again every `everyMs`, between the app's transactions and without waiting for a
 * lock (busy_timeout 0, so no call of the app is held up), until it returns true, `tries` have run
 * or the connection closes. A throw is a try that failed (a writer holding the lock this moment).
 */
function retryLater(db: Db, attempt: () => boolean, everyMs: number, tries = Infinity): void {
  let left = tries;
  const timer = setInterval(() => {
    if (!db.open || left <= 0) return clearInterval(timer);
    if (db.inTransaction) return;
    left--;
    try {
      if (withoutWaitingForLock(db, attempt)) clearInterval(timer);
    } catch {
      // Locked by a writer this moment: the next try.
    }
  }, everyMs);
  timer.unref();
}
