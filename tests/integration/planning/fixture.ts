import type { TestApp } from '../../support/temp.ts';
import { refreshSummaries } from '../../../src-main/db/queries/summary.ts';
import { addHousehold } from '../reports/fixture.ts';

/** The day the planning tests stand on: 2025/26, about two thirds of the way through. */
export const TODAY = '2025-11-26';

export async function withFigures(app: TestApp) {
  await app.call('planning.setFigures', {
    fy: '2025/26',
    figures: [
      { basis: 'target', measure: 'enquiries', value: 12 },
      { basis: 'target', measure: 'approved', value: 3 },
      { basis: 'target', measure: 'net_change', value: 1 },
    ],
  });
  await app.call('planning.setFigures', {
    fy: '2024/25',
    figures: [
      { basis: 'england', measure: 'enquiry_to_approved', value: 3.5 },
      { basis: 'statistical_neighbours', measure: 'approved', value: 12 },
    ],
  });
}

/** A small service: this year (2025/26) and the same point last year, with a kinship deadline and drop-outs. */
export function addService(app: TestApp) {
  const db = app.ctx.store.db;
  db.transaction(() => {
    addHousehold(db, {
      reference: 'A1',
      episodes: [{ milestones: { enquiry: '2025-04-10', eoi: '2025-05-01' } }],
    });
    addHousehold(db, {
      reference: 'A2',
      episodes: [
        {
          milestones: {
            enquiry: '2024-06-01',
            eoi: '2024-07-01',
            stage1: '2024-09-01',
            stage2: '2025-01-10',
            panel: '2025-06-01',
            approval: '2025-06-10',
          },
        },
      ],
    });
    addHousehold(db, { reference: 'A3', episodes: [{ milestones: { enquiry: '2025-10-01' } }] });
    addHousehold(db, {
      reference: 'A4',
      episodes: [
        {
          milestones: { enquiry: '2025-05-01' },
          closure: { date: '2025-06-01', stage: 'enquiry', reason: 'lost_contact', endedBy: 'lost_contact' },
        },
      ],
    });
    addHousehold(db, {
      reference: 'A5',
      episodes: [
        {
          milestones: { enquiry: '2025-07-01' },
          closure: { date: '2025-08-01', stage: 'enquiry', reason: 'lost_contact', endedBy: 'lost_contact' },
        },
      ],
    });
    // Last year up to 26/11/2024: two enquiries; one later in the year (not counted at the same point).
    addHousehold(db, {
      reference: 'B1',
      episodes: [{ milestones: { enquiry: '2024-05-01' } }],
      cessation: undefined,
    });
    addHousehold(db, { reference: 'B2', episodes: [{ milestones: { enquiry: '2025-01-05' } }] });
    // Kinship: a child placed under reg 24 16 weeks before 10/12/2025 → first limit due in the
    // next four weeks (the clock runs from the placement, not the enquiry in June).
    const k1 = addHousehold(db, {
      reference: 'K1',
      pathway: 'kinship',
      episodes: [{ milestones: { enquiry: '2025-06-02' } }],
    });
    db.prepare(
      "INSERT INTO journey_dates (household_id, episode, kind, date) VALUES (?, 1, 'reg24_placement', '2025-08-20')",
    ).run(k1);
    refreshSummaries(db, [k1], TODAY);
    addHousehold(db, {
      reference: 'K2',
      pathway: 'kinship',
      episodes: [{ milestones: { enquiry: '2025-01-01' } }],
    });
  })();
}
