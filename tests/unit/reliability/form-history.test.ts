import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * In browser mode the screens run in the user's own browser, which remembers what is typed into a
 * form's text fields (Chrome's and Edge's form history, Firefox's too) in its profile on disk and
 * offers it back in any form: a name searched for, an exit interview's "held by", a note on a place
 * change, a reason given for a correction. There neither a purge nor a subject access export
 * reaches it, as with the browser's history (which is why the households list keeps its search
 * out of the address). So every text field and text box of the screens says autocomplete="off",
 * as the household's details always have; a checkbox, radio button or file chooser holds no text.
 */
const ROOT = join(import.meta.dirname, '../../..');
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.tsx') ? [join(dir, e.name)] : [],
  );

/** Each <input …> or <textarea …> element's opening tag in a TSX source, with its line. */
function fields(source: string): Array<{ line: number; tag: string }> {
  const out: Array<{ line: number; tag: string }> = [];
  for (const m of source.matchAll(/<(input|textarea)\b/g)) {
    let i = m.index + m[0].length;
    // The tag ends at the first > outside braces (a JSX expression may hold => or >).
    for (let depth = 0; i < source.length; i++) {
      const c = source[i];
      if (c === '{') depth++;
      else if (c === '}') depth--;
      else if (depth === 0 && c === '>') break;
    }
    out.push({ line: source.slice(0, m.index).split('\n').length, tag: source.slice(m.index, i) });
  }
  return out;
}

describe('form history', () => {
  it('every text field and text box of the screens says autocomplete="off", so the browser keeps nothing typed', () => {
    const remembered: string[] = [];
    let seen = 0;
    for (const file of files(join(ROOT, 'src-renderer'))) {
      for (const { line, tag } of fields(readFileSync(file, 'utf8'))) {
        if (/\btype="(checkbox|radio|file|hidden)"/.test(tag)) continue;
        seen++;
        if (!/\bautoComplete="off"/.test(tag)) remembered.push(`${relative(ROOT, file)}:${line}`);
      }
    }
    expect(seen).toBeGreaterThan(20);
    expect(remembered).toEqual([]);
  });
});
