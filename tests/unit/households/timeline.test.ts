import { describe, expect, it } from 'vitest';
import { describeAudit } from '../../../src-main/domain/timeline.ts';

const base = { field: null, oldValue: null, newValue: null, reason: null };

describe('the timeline in words', () => {
  it('describes hand changes', () => {
    expect(
      describeAudit({ ...base, action: 'create', entity: 'household', newValue: { reference: 'FF1' } }),
    ).toBe('Household added');
    expect(
      describeAudit({
        ...base,
        action: 'create',
        entity: 'milestone',
        field: 'stage1',
        newValue: '2025-03-10',
      }),
    ).toBe('Stage 1 recorded: 10/03/2025');
    expect(
      describeAudit({
        ...base,
        action: 'update',
        entity: 'milestone',
        field: 'eoi',
        oldValue: '2025-02-01',
        newValue: '2025-02-03',
        reason: 'typo',
      }),
    ).toBe('EOI / application corrected: 01/02/2025 → 03/02/2025 – typo');
    expect(
      describeAudit({
        ...base,
        action: 'update',
        entity: 'milestone',
        field: 'eoi',
        oldValue: '2024-03-20',
        newValue: { date: '2024-04-05', episodeEnquiry: '2024-01-10' },
        reason: 'typo',
      }),
    ).toBe('EOI / application (enquiry of 10/01/2024) corrected: 20/03/2024 → 05/04/2024 – typo');
    expect(
      describeAudit({
        ...base,
        action: 'delete',
        entity: 'milestone',
        field: 'panel',
        oldValue: '2025-09-01',
        reason: 'wrong family',
      }),
    ).toBe('Panel removed (was 01/09/2025) – wrong family');
    expect(
      describeAudit({
        ...base,
        action: 'create',
        entity: 'closure',
        newValue: { date: '2025-04-01', stageReached: 'stage1', reason: 'housing' },
      }),
    ).toBe('Closed on 01/04/2025 at Stage 1: housing');
    // With the service's reasons, by their labels, as the record's endings say them.
    expect(
      describeAudit(
        {
          ...base,
          action: 'create',
          entity: 'closure',
          newValue: { date: '2025-04-01', stageReached: 'stage1', reason: 'housing', endedBy: 'applicant' },
        },
        { dropout: new Map([['housing', 'No spare bedroom / housing']]), leaving: new Map() },
      ),
    ).toBe('Closed on 01/04/2025 at Stage 1: No spare bedroom / housing (Applicant withdrew)');
    expect(
      describeAudit({
        ...base,
        action: 'update',
        entity: 'closure',
        field: 'reopened_on',
        newValue: '2025-10-01',
      }),
    ).toBe('Re-opened on 01/10/2025');
    expect(
      describeAudit({
        ...base,
        action: 'update',
        entity: 'household',
        field: 'surname',
        oldValue: 'Khan',
        newValue: 'Khan-Smith',
      }),
    ).toBe('Surname changed: Khan → Khan-Smith');
  });

  it('describes imports and undo as such', () => {
    expect(
      describeAudit({
        ...base,
        action: 'import',
        entity: 'household',
        newValue: { reference: 'X1' },
        reason: 'import batch 3; created',
      }),
    ).toBe('Household added (import) – import batch 3; created');
    // A duplicate's creation, moved here by its merge, says whose it was.
    expect(
      describeAudit({
        ...base,
        action: 'import',
        entity: 'household',
        newValue: { reference: 'X2' },
        reason: 'import batch 4; created',
        mergedFrom: { reference: 'X2', into: 'X1', on: '2026-12-07' },
      }),
    ).toBe('Household X2 added (merged into X1 on 07/12/2026) (import) – import batch 4; created');
    expect(
      describeAudit({
        ...base,
        action: 'import',
        entity: 'milestone',
        field: 'eoi',
        newValue: { date: '2025-02-01', source: 'import' },
        reason: 'import batch 3',
      }),
    ).toBe('EOI / application recorded: 01/02/2025 (import) – import batch 3');
    expect(
      describeAudit({
        ...base,
        action: 'undo',
        entity: 'household',
        field: 'email',
        oldValue: 'a@b.c',
        newValue: null,
      }),
    ).toBe('Email changed: a@b.c → (empty) (undo)');
  });

  it("gives a viability outcome's result in the record's words, not its stored key", () => {
    expect(
      describeAudit({
        ...base,
        action: 'create',
        entity: 'journey_date',
        field: 'viability_outcome',
        newValue: { date: '2026-10-06', detail: 'positive' },
      }),
    ).toBe('Viability outcome recorded: 06/10/2026 (Positive)');
    expect(
      describeAudit({
        ...base,
        action: 'create',
        entity: 'journey_date',
        field: 'extension',
        newValue: { date: '2026-10-06', reason: 'awaiting medical' },
      }),
    ).toBe('Reg 25 extension recorded: 06/10/2026 (awaiting medical)');
  });

  // helper-237 saw the database's words: a merge as JSON, keys, an ISO date.
  it("says a merge, a pathway switch, an exit interview and a source in the record's words", () => {
    expect(
      describeAudit({
        ...base,
        action: 'merge',
        entity: 'household',
        field: 'merged',
        oldValue: { reference: 'REF-C2', id: 4 },
        newValue: { reference: 'REF-C1' },
        reason: 'Typed in twice',
      }),
    ).toBe('REF-C2 merged into REF-C1 – Typed in twice');
    expect(
      describeAudit({
        ...base,
        action: 'merge',
        entity: 'household',
        field: 'telephone',
        newValue: '01632 960001',
        reason: 'Typed in twice',
      }),
    ).toBe('Telephone changed: (empty) → 01632 960001 (merge) – Typed in twice');
    expect(
      describeAudit({
        ...base,
        action: 'update',
        entity: 'pathway',
        field: 'pathway',
        oldValue: 'mainstream',
        newValue: 'kinship',
        reason: 'from 2026-11-20',
      }),
    ).toBe('Pathway switched from 20/11/2026: Mainstream → Kinship');
    expect(
      describeAudit({
        ...base,
        action: 'import',
        entity: 'pathway',
        field: 'pathway',
        oldValue: 'kinship',
        newValue: 'mainstream',
        reason: 'from 2026-11-20',
      }),
    ).toBe('Pathway switched from 20/11/2026: Kinship → Mainstream (import)');
    expect(
      describeAudit({ ...base, action: 'create', entity: 'exit_interview', newValue: { status: 'held' } }),
    ).toBe('Exit interview recorded: Held');
    expect(
      describeAudit({
        ...base,
        action: 'update',
        entity: 'household',
        field: 'source',
        oldValue: 'word_of_mouth',
        newValue: 'Radio advert',
      }),
    ).toBe('Source changed: Word of mouth → Radio advert');
  });
});
