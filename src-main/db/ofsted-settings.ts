import type { Db } from './open.ts';
import { writeAudit } from './queries/audit.ts';

/**
 * The service's own choices for the Ofsted return and the diversity report, kept as JSON
 * in the settings table (no schema change needed to add a category):
 * - `ofsted.deregistrationMap`: leaving reason key → the return's deregistration category;
 * - `diversity.childrenInCare`: the local children-in-care profile the user types in
 *   (children by ethnic group, with the date it describes), shown beside applicants.
 */
const DEREGISTRATION_KEY = 'ofsted.deregistrationMap';
const CHILDREN_IN_CARE_KEY = 'diversity.childrenInCare';

export interface ChildrenInCareProfile {
  /** The date the profile describes (e.g. 31 March of a year), ISO. */
  asAt: string | null;
  /** Children by ethnic group key (domain/characteristics ETHNIC_GROUPS, or not_recorded). */
  counts: Record<string, number>;
}

const read = (db: Db, key: string): unknown => {
  const v = db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck().get(key);
  if (v === undefined) return undefined;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return undefined;
  }
};

const write = (db: Db, user: string, key: string, oldValue: unknown, value: unknown) => {
  db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(key, JSON.stringify(value));
  writeAudit(db, { user, action: 'update', entity: 'settings', field: key, oldValue, newValue: value });
};

const isRecordOf = <T>(v: unknown, test: (x: unknown) => x is T): v is Record<string, T> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every(test);

export function getDeregistrationMap(db: Db): Record<string, string> {
  const v = read(db, DEREGISTRATION_KEY);
  return isRecordOf(v, (x): x is string => typeof x === 'string') ? v : {};
}

export function saveDeregistrationMap(db: Db, user: string, mapping: Record<string, string>): void {
  db.transaction(() => write(db, user, DEREGISTRATION_KEY, getDeregistrationMap(db), mapping))();
}

export function getChildrenInCare(db: Db): ChildrenInCareProfile {
  const v = read(db, CHILDREN_IN_CARE_KEY) as Partial<ChildrenInCareProfile> | undefined;
  const counts = isRecordOf(v?.counts, (x): x is number => Number.isInteger(x) && (x as number) >= 0)
    ? v.counts
    : {};
  return { asAt: typeof v?.asAt === 'string' ? v.asAt : null, counts };
}

export function saveChildrenInCare(db: Db, user: string, profile: ChildrenInCareProfile): void {
  db.transaction(() => write(db, user, CHILDREN_IN_CARE_KEY, getChildrenInCare(db), profile))();
}

/** The leaving reasons (retired ones too), in list order: the rows of the deregistration mapping. */
export function listLeavingReasons(db: Db): Array<{ key: string; label: string; retired: boolean }> {
  return db
    .prepare<[], { key: string; label: string; retired: number }>(
      "SELECT key, label, retired FROM reasons WHERE list = 'leaving' ORDER BY position, key",
    )
    .all()
    .map((r) => ({ key: r.key, label: r.label, retired: r.retired === 1 }));
}
