import type { ResolvedReportOptions } from '../contract/reports.ts';

/**
 * Pathway filtering for large aggregates. Every household is mainstream or kinship (the
 * schema's CHECK), so a mainstream count is the count over all households minus the
 * kinship count. "All" reads the event indexes alone; "kinship" starts from the kinship
 * households (about one in eight) and reads their events through the episode index. Joining
 * every event to its household instead costs a random lookup per event: seconds at a million.
 */
export type Scope = 'all' | 'kinship';

/** The planner would otherwise search the date index once per kinship household. */
const BY_HOUSEHOLD = {
  milestones: ' INDEXED BY milestones_by_episode_kind',
  closures: '',
  cessations: '',
} as const;

/** `FROM … WHERE` for one table of events (alias given) in a scope; append conditions with AND. */
export function scopedFrom(
  scope: Scope,
  table: 'milestones' | 'closures' | 'cessations',
  alias: string,
): string {
  return scope === 'all'
    ? `FROM ${table} ${alias} WHERE 1`
    : `FROM households h CROSS JOIN ${table} ${alias}${BY_HOUSEHOLD[table]} ON ${alias}.household_id = h.id WHERE h.pathway = 'kinship'`;
}

/**
 * Runs a grouped count in the scopes the pathway needs and combines them: rows match on
 * their `keys` fields and every other numeric field is a count (mainstream = all − kinship).
 */
export function byPathway<R extends object>(
  o: ResolvedReportOptions,
  keys: ReadonlyArray<keyof R & string>,
  run: (scope: Scope) => R[],
): R[] {
  if (o.pathway === 'all') return run('all');
  if (o.pathway === 'kinship') return run('kinship');
  const keyOf = (r: R) => JSON.stringify(keys.map((k) => r[k]));
  const out = new Map<string, Record<string, unknown>>();
  for (const r of run('all')) out.set(keyOf(r), { ...r } as Record<string, unknown>);
  for (const r of run('kinship')) {
    const row = out.get(keyOf(r));
    if (!row) continue;
    for (const [k, v] of Object.entries(r)) {
      if (!keys.includes(k as keyof R & string) && typeof v === 'number') row[k] = (row[k] as number) - v;
    }
  }
  return [...out.values()] as R[];
}
