import type { ImportRecord } from '../records/import-record.ts';

/**
 * Rows of one reference, told apart. Many carers registers list a household's carers one per row:
 * the same reference, approval and places on two rows, each with one carer's name, date of birth
 * and characteristics. Read as a household's carer 1 (the first row) and carer 2 (the second).
 */
export type SameReference =
  | { kind: 'alike' }
  | { kind: 'two carers'; joined: ImportRecord; carer1: ImportRecord; carer2: ImportRecord }
  | { kind: 'too many carers' }
  | { kind: 'different' };

/** The rows' content, for telling identical rows apart from different ones. */
export const signatureOf = (r: ImportRecord): string =>
  JSON.stringify([r.reference, r.values, r.milestones, r.responded, r.closure, r.cessation, r.extras]);

/**
 * Everything but the one carer a row names: the household's name goes too, since a row with no
 * household name column takes its carer's (parse-extras.ts).
 */
function withoutCarer(r: ImportRecord): string {
  const { first_name: _f, surname: _s, ...values } = r.values;
  const extras = r.extras ? { ...r.extras, people: null } : null;
  return JSON.stringify([r.reference, values, r.milestones, r.responded, r.closure, r.cessation, extras]);
}

/** Whether each row names one carer (carer 1's columns) and no second. */
const oneCarerEach = (rows: readonly ImportRecord[]) =>
  rows.every((r) => r.extras?.people[1] && !r.extras.people[2]);

/** `group`: the rows sharing one reference, in file order (two or more). */
export function sameReference(group: readonly ImportRecord[]): SameReference {
  const seen = new Set<string>();
  const distinct = group.filter((r) => {
    const sig = signatureOf(r);
    if (seen.has(sig)) return false;
    seen.add(sig);
    return true;
  });
  if (distinct.length === 1) return { kind: 'alike' };
  const household = withoutCarer(distinct[0]!);
  if (!oneCarerEach(distinct) || distinct.some((r) => withoutCarer(r) !== household))
    return { kind: 'different' };
  if (distinct.length > 2) return { kind: 'too many carers' };
  const [carer1, carer2] = distinct as [ImportRecord, ImportRecord];
  const joined: ImportRecord = {
    ...carer1,
    extras: { ...carer1.extras!, people: { 1: carer1.extras!.people[1], 2: carer2.extras!.people[1] } },
  };
  return { kind: 'two carers', joined, carer1, carer2 };
}
