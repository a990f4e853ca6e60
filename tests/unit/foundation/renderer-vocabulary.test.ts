import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  PATHWAYS,
  PATHWAY_FULL_LABELS,
  PATHWAY_LABELS,
  PATHWAY_SCOPE_LABELS,
} from '../../../src-main/contract/vocab.ts';

const RENDERER = join(import.meta.dirname, '../../../src-renderer/src');
const STAGE_KEY = /['"](enquiry|enquiries|initial_visit|eoi|stage1|stage2|panel|approval|approved)['"]/g;

/**
 * Three stage keys in a row, each within a short span of the last and with no call or statement
 * between (an array or a table of entries), is a list of stages; a lookup names one at a time.
 */
export function writesAStageList(text: string): boolean {
  const found = [...text.matchAll(STAGE_KEY)];
  let run = 1;
  for (let i = 1; i < found.length; i++) {
    const gap = text.slice(found[i - 1]!.index + found[i - 1]![0].length, found[i]!.index);
    run = gap.length <= 80 && !/[;()]/.test(gap) ? run + 1 : 1;
    if (run >= 3) return true;
  }
  return false;
}

describe('renderer vocabulary (one source for the stage order)', () => {
  it('writes no list of stages by hand: option lists and steps come from the domain through the contract', () => {
    const restating = readdirSync(RENDERER, { withFileTypes: true, recursive: true })
      .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
      .map((e) => join(e.parentPath, e.name))
      .filter((p) => writesAStageList(readFileSync(p, 'utf8')))
      .map((p) => relative(RENDERER, p))
      .sort();
    expect(restating).toEqual([]);
  });

  it('tells a list of stages from lookups of one stage at a time', () => {
    expect(writesAStageList("const S = ['enquiries', 'eoi', 'stage1'];")).toBe(true);
    expect(
      writesAStageList(
        "[{ key: 'eoi', label: 'EOI' },\n  { key: 'stage1', label: 'Stage 1' },\n  { key: 'stage2' }]",
      ),
    ).toBe(true);
    expect(
      writesAStageList("f({ eoi: dateOf('eoi'), stage1: dateOf('stage1'), panel: dateOf('panel') })"),
    ).toBe(false);
  });
});

describe('pathway names (one source)', () => {
  it('names each pathway in full by its short name first, as every report option does', () => {
    for (const p of PATHWAYS) {
      expect(PATHWAY_FULL_LABELS[p].startsWith(PATHWAY_LABELS[p])).toBe(true);
      expect(PATHWAY_SCOPE_LABELS[p]).toBe(PATHWAY_FULL_LABELS[p]);
    }
  });

  it('the renderer writes no pathway name by hand: each comes from the vocabulary', () => {
    const names = [
      ...Object.values(PATHWAY_LABELS),
      ...Object.values(PATHWAY_FULL_LABELS),
      'Connected persons',
    ]
      .map((n) => n.replace(/[()]/g, '\\$&'))
      .join('|');
    // A name alone in quotes or between tags (an option, a heading), not a phrase that holds it.
    const written = new RegExp(`(['"\`]|>\\s*)(${names})(['"\`]|\\s*<)`);
    const restating = readdirSync(RENDERER, { withFileTypes: true, recursive: true })
      .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
      .map((e) => join(e.parentPath, e.name))
      .filter((p) => written.test(readFileSync(p, 'utf8')))
      .map((p) => relative(RENDERER, p))
      .sort();
    expect(restating).toEqual([]);
  });
});
