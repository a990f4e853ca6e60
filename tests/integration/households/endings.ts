import { join } from 'node:path';
import { expect } from 'vitest';
import type { ExitInterviewStatus } from '../../../src-main/domain/stages.ts';
import type { TestApp } from '../../support/temp.ts';
import { household, writeWorkbook, xlDate } from '../imports/fixtures.ts';

/**
 * Households that end (a cessation or a closure) and the exit interview that follows the ending,
 * built through the contract as the record's forms and the register import build them.
 */

const REGISTER_HEAD = [
  'Foster Carer No.',
  'Carer 1 Name',
  'Date of Approval',
  'Date Deregistered',
  'Reason for Deregistration',
];

/**
 * A council register of one carer, FC1 Joan Ashby, approved on `approved` and deregistered
 * ('Retired') on `deregistered`, or still fostering (null); written into the test's folder.
 */
export const registerFile = (app: TestApp, name: string, approved: string, deregistered: string | null) =>
  writeWorkbook(join(app.dir, name), {
    Register: [
      REGISTER_HEAD,
      [
        'FC1',
        'Joan Ashby',
        xlDate(approved),
        deregistered ? xlDate(deregistered) : null,
        deregistered ? 'Retired' : null,
      ],
    ],
  });

/** Imports a file as the Import page does; `overwriteHand` lets it replace what was typed by hand. */
export const importFile = (app: TestApp, path: string, overwriteHand = false) =>
  app.call('imports.importFile', { path, kind: 'auto', dryRun: false, overwriteHand });

/** FC1 added by a first register (`registerFile`); its id. */
export async function registeredCarer(app: TestApp, approved: string, deregistered: string | null) {
  const added = await importFile(app, registerFile(app, 'register.xlsx', approved, deregistered));
  expect(added).toMatchObject({ new: 1, errors: [] });
  return household(app.ctx.store.db, 'FC1')!.id as number;
}

export interface Interview {
  status: ExitInterviewStatus;
  offeredDate: string | null;
  heldDate?: string | null;
  /** 'A. Worker' for one held, unless said. */
  heldBy?: string | null;
  reasons?: string[];
  notes?: string | null;
  mightReturn?: boolean | null;
}

/**
 * Records (or changes) the exit interview after household `id`'s cessation, or after its latest
 * closure, as the record's form does.
 */
export async function saveInterview(
  app: TestApp,
  id: number,
  after: 'cessation' | 'closure',
  interview: Interview,
) {
  const h = await app.call('households.getHousehold', { id });
  const ending =
    after === 'cessation' ? { cessationId: h.cessation!.id } : { closureId: h.closures.at(-1)!.id };
  return app.call('households.saveExitInterview', {
    id,
    ...ending,
    heldBy: interview.status === 'held' ? 'A. Worker' : null,
    reasons: [],
    notes: null,
    ...interview,
  });
}

/**
 * A household typed by hand and closed on `closed` by the applicant (their circumstances changed),
 * whose exit interview was held that day and said they might return: the drop-out table's
 * interview, never a cessation's. Its id. (Not lost contact: no interview is held after it.)
 */
export async function closedWithHeldInterview(
  app: TestApp,
  h: { surname: string; enquiryDate: string; closed: string },
) {
  const { id } = await app.call('households.createHousehold', {
    enquiryDate: h.enquiryDate,
    surname: h.surname,
  });
  await app.call('households.closeHousehold', {
    id,
    date: h.closed,
    reasonKey: 'circumstances',
    endedBy: 'applicant',
    notes: null,
  });
  await saveInterview(app, id, 'closure', {
    status: 'held',
    offeredDate: h.closed,
    heldDate: h.closed,
    mightReturn: true,
  });
  return id;
}
