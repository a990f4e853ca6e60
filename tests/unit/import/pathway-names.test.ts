import { describe, expect, it } from 'vitest';
import { parsePathway } from '../../../src-main/domain/targets.ts';
import {
  PATHWAY_FULL_LABELS,
  PATHWAY_LABELS,
  PATHWAY_SCOPE_LABELS,
  PATHWAY_SCOPES,
  PATHWAYS,
} from '../../../src-main/domain/stages.ts';
import { pathwayFor } from '../../../src-main/import/records/vocab.ts';

/**
 * A file written with the app's own words reads back: Settings names the planning figures'
 * pathways with PATHWAY_SCOPE_LABELS, the record and the Add form with the short and full names.
 * When the full name became "Kinship (connected persons)", the figures csv refused it.
 */
describe('every name the app gives a pathway reads back', () => {
  it('in a planning figures csv', () => {
    for (const p of PATHWAY_SCOPES) expect(parsePathway(PATHWAY_SCOPE_LABELS[p]), p).toBe(p);
    for (const p of PATHWAYS) {
      expect(parsePathway(PATHWAY_LABELS[p]), p).toBe(p);
      expect(parsePathway(PATHWAY_FULL_LABELS[p]), p).toBe(p);
    }
    // The name used before, and words people write.
    expect(parsePathway('Connected persons (kinship)')).toBe('kinship');
    expect(parsePathway('Family and friends')).toBe('kinship');
    expect(parsePathway('All pathways')).toBe('all');
    expect(parsePathway('Residential')).toBeNull();
  });

  it('in a households import', () => {
    for (const p of PATHWAYS) {
      expect(pathwayFor(PATHWAY_LABELS[p]), p).toBe(p);
      expect(pathwayFor(PATHWAY_FULL_LABELS[p]), p).toBe(p);
    }
    expect(pathwayFor('Connected persons (kinship)')).toBe('kinship');
    expect(pathwayFor('Residential')).toBeNull();
  });
});
