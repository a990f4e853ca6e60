import type { Provenance } from './existing.ts';

/**
 * The audit log's `reason` column of an import change records who had set the value
 * before (hand, an earlier import, or nobody), so undo can restore field_sources exactly.
 * Written as readable text: "import batch 3; before: hand".
 */
export function provenanceNote(batchId: number, prev: Provenance | null): string {
  const before = prev ? (prev.source === 'hand' ? 'hand' : `import ${prev.batch ?? ''}`.trim()) : 'none';
  return `import batch ${batchId}; before: ${before}`;
}

export function parseProvenance(note: string | null): Provenance | null {
  const m = /before: (hand|import(?: (\d+))?|none)$/.exec(note ?? '');
  if (!m || m[1] === 'none') return null;
  if (m[1] === 'hand') return { source: 'hand', batch: null };
  return { source: 'import', batch: m[2] ? Number(m[2]) : null };
}
