import type { Migration } from './types.ts';
import { migration0001 } from './0001-initial.ts';
import { migration0002 } from './0002-household-list.ts';
import { migration0003 } from './0003-report-indexes.ts';
import { migration0004 } from './0004-list-by-enquiry-date.ts';
import { migration0005 } from './0005-private-ids-purge-ledger.ts';
import { migration0006 } from './0006-carers-and-places.ts';
import { migration0007 } from './0007-episodes.ts';
import { migration0008 } from './0008-planning-figures.ts';
import { migration0009 } from './0009-applications-in-progress.ts';
import { migration0010 } from './0010-people-profiles.ts';
import { migration0011 } from './0011-episode-forecast-text.ts';
import { migration0012 } from './0012-import-row-marks.ts';
import { migration0013 } from './0013-milestone-index-prefixes.ts';
import { migration0014 } from './0014-kinship-applications.ts';
import { migration0015 } from './0015-enquiry-index-viability.ts';
import { migration0016 } from './0016-households-case-sensitive-indexes.ts';
import { migration0017 } from './0017-households-created-batch.ts';
import { migration0018 } from './0018-people-joined-on.ts';
import { migration0019 } from './0019-episode-first-switch.ts';
import { migration0020 } from './0020-kinship-closure-stage.ts';
import { migration0021 } from './0021-episode-start-and-decision.ts';
import { migration0022 } from './0022-milestones-by-kind-dropped.ts';
import { migration0023 } from './0023-stage1-information.ts';
import { migration0024 } from './0024-stage1-decision-index.ts';
import { migration0025 } from './0025-cessation-exit-interviews.ts';
import { migration0026 } from './0026-unused-indexes-dropped.ts';
import { migration0027 } from './0027-forecast-kinship-application.ts';
import { migration0028 } from './0028-closure-exit-interview-answers.ts';
import { migration0029 } from './0029-households-folded-names.ts';
import { migration0030 } from './0030-ofsted-return-indexes.ts';
import { migration0031 } from './0031-surname-parts-and-name-fold-index.ts';
import { migration0032 } from './0032-reasons-of-interviews-not-held.ts';
import { migration0033 } from './0033-name-parts-with-the-rest.ts';
import { migration0034 } from './0034-audit-reasons-of-interviews-not-held.ts';
import { migration0035 } from './0035-search-parts-spaced-names-and-carers.ts';
import { migration0036 } from './0036-kinship-episodes-index.ts';
import { migration0037 } from './0037-stage1-index-dropped.ts';
import { migration0038 } from './0038-households-search-text-dropped.ts';
import { migration0039 } from './0039-extension-weeks.ts';
import { migration0040 } from './0040-days-in-stage-index.ts';

/** Every migration, in order. Listed explicitly so the bundler keeps them all. */
export const MIGRATIONS: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
  migration0006,
  migration0007,
  migration0008,
  migration0009,
  migration0010,
  migration0011,
  migration0012,
  migration0013,
  migration0014,
  migration0015,
  migration0016,
  migration0017,
  migration0018,
  migration0019,
  migration0020,
  migration0021,
  migration0022,
  migration0023,
  migration0024,
  migration0025,
  migration0026,
  migration0027,
  migration0028,
  migration0029,
  migration0030,
  migration0031,
  migration0032,
  migration0033,
  migration0034,
  migration0035,
  migration0036,
  migration0037,
  migration0038,
  migration0039,
  migration0040,
];

export const LATEST_VERSION = MIGRATIONS.length;
