import type { Db } from '../../../src-main/db/open.ts';
import { addDays } from '../../../src-main/domain/dates.ts';
import { addHousehold } from './fixture.ts';

/**
 * Four mainstream households at panel (24/11/2026), where 49 of the 50 that reached panel in
 * 2024 were approved 7 to 16 days later: as at 26/11/2026 the runs approve all four nine times in
 * ten, so the quarter's 80 % range is 4 to 4 while the mean is 3.9.
 */
export function fourAtPanel(db: Db): void {
  db.transaction(() => {
    for (let i = 0; i < 50; i++) {
      const panel = addDays('2024-06-01', i);
      const milestones = journeyTo(panel);
      addHousehold(db, {
        reference: `T${i}`,
        episodes: [
          i === 0
            ? {
                milestones,
                closure: { date: addDays(panel, 30), stage: 'panel', reason: 'other', endedBy: 'applicant' },
              }
            : { milestones: { ...milestones, approval: addDays(panel, 7 + (i % 10)) } },
        ],
      });
    }
    for (let i = 0; i < 4; i++) atPanel(db, `P${i}`);
  })();
}

/** A training-year household's steps up to `panel`: 150, 120, 90 and 60 days before it. */
function journeyTo(panel: string) {
  return {
    enquiry: addDays(panel, -150),
    eoi: addDays(panel, -120),
    stage1: addDays(panel, -90),
    stage2: addDays(panel, -60),
    panel,
  };
}

/** A mainstream household that went to panel on 24/11/2026 (assessed from 01/07/2026) and is open there. */
export function atPanel(db: Db, reference: string): void {
  addHousehold(db, {
    reference,
    episodes: [
      {
        milestones: {
          enquiry: '2026-05-01',
          eoi: '2026-06-01',
          stage1: '2026-07-01',
          stage2: '2026-08-01',
          panel: '2026-11-24',
        },
      },
    ],
  });
}

/**
 * Two open households, each approved four times in ten as at 26/11/2026, one in each of 2026/27's
 * last two quarters: each quarter's expected approvals round to 0, the year's (0.4 + 0.4) to 1.
 * Two more enquired yesterday: their approvals fall next year (2027/28 Q1 rounds to 1), which a sum
 * of every quarter would wrongly add to this year's.
 */
export function twoAtFourInTen(db: Db): void {
  // 2024/25, inside the training years: 10 households went from Stage 2 to panel in 60 days;
  // 4 were approved 7 days after panel, 6 withdrew there 30 days after it.
  for (let i = 0; i < 10; i++) {
    const panel = addDays('2024-06-01', i * 7);
    const milestones = journeyTo(panel);
    addHousehold(db, {
      reference: `T${i}`,
      episodes: [
        i < 4
          ? { milestones: { ...milestones, approval: addDays(panel, 7) } }
          : {
              milestones,
              closure: { date: addDays(panel, 30), stage: 'panel', reason: 'other', endedBy: 'applicant' },
            },
      ],
    });
  }
  const open = { enquiry: '2026-05-01', eoi: '2026-06-01', stage1: '2026-07-01' };
  // At panel since 24/11: if approved, on 01/12/2026 (2026/27 Q3).
  addHousehold(db, {
    reference: 'P1',
    episodes: [{ milestones: { ...open, stage2: '2026-09-25', panel: '2026-11-24' } }],
  });
  // In Stage 2 since 20/11: panel on 19/01/2027, so if approved, in 2026/27 Q4.
  addHousehold(db, { reference: 'S1', episodes: [{ milestones: { ...open, stage2: '2026-11-20' } }] });
  for (const reference of ['E1', 'E2'])
    addHousehold(db, { reference, episodes: [{ milestones: { enquiry: '2026-11-25' } }] });
}

/**
 * As at 26/11/2026, E1 open at Enquiry, which no household entered in the training years (2023/24
 * to 2025/26) and left, so it is not forecast; P1 open at panel, forecast from 50 approvals.
 */
export function oneLeftOutOneAtPanel(db: Db): void {
  // 50 households that enquired in 2022, before the training years (2023/24 to 2025/26), and were
  // assessed and approved in them: no household entered Enquiry or EOI in those years.
  for (let i = 0; i < 50; i++) {
    const stage1 = addDays('2024-04-01', i);
    addHousehold(db, {
      reference: `H${i}`,
      episodes: [
        {
          milestones: {
            enquiry: '2022-06-01',
            eoi: '2022-07-01',
            stage1,
            stage2: addDays(stage1, 60),
            panel: addDays(stage1, 120),
            approval: addDays(stage1, 127),
          },
        },
      ],
    });
  }
  addHousehold(db, { reference: 'E1', episodes: [{ milestones: { enquiry: '2026-10-01' } }] });
  atPanel(db, 'P1');
}
