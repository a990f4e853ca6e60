import { ExtrasReader } from '../../db/queries/import-extras.ts';
import type { ExistingIndex } from './existing.ts';

/**
 * One ExtrasReader (its statements prepared once) for each import's index of existing households,
 * shared by every planner of a row's extras (extras.ts, extras-people.ts, extras-journey.ts).
 */
const readers = new WeakMap<ExistingIndex, ExtrasReader>();
export const readerFor = (index: ExistingIndex): ExtrasReader => {
  let r = readers.get(index);
  if (!r) readers.set(index, (r = new ExtrasReader(index.db)));
  return r;
};
