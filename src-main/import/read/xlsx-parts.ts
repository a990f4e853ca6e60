import { unescape } from './fast-xlsx-cells.ts';

/**
 * Where an xlsx workbook keeps its sheets: the workbook part lists them by name and relationship
 * id, and its relationships part names the part each id points to. The fast reader and the
 * hidden-rows reader both resolve sheets this one way, so they agree on which part is which sheet.
 */
type Parts = ReadonlyMap<string, Buffer>;

/** Attributes of a tag, values unescaped once (names as written, prefix included). */
export function attrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([^\s=/]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g))
    out[m[1]!] = unescape(m[2] ?? m[3]!);
  return out;
}

/** One entry of the workbook's sheet list; `path` and `type` are missing when its relationship is. */
export interface WorkbookSheet {
  name: string | undefined;
  /** 'hidden' or 'veryHidden' for a hidden sheet. */
  state: string | undefined;
  /** The relationship's type (a worksheet's ends in "/worksheet"). */
  type: string | undefined;
  /** The part holding the sheet, as the zip names it. */
  path: string | undefined;
}

/** The workbook part's text, or null when the workbook or its relationships part is missing. */
export function workbookXml(parts: Parts): { wb: string; rels: string } | null {
  const wb = parts.get('xl/workbook.xml');
  const rels = parts.get('xl/_rels/workbook.xml.rels');
  return wb && rels ? { wb: wb.toString('utf8'), rels: rels.toString('utf8') } : null;
}

/** The workbook's sheets in its order (the `<sheets>` list), each with the part that holds it. */
export function workbookSheets(wb: string, rels: string): WorkbookSheet[] {
  const targets = new Map<string, { type: string; target: string }>();
  for (const m of rels.matchAll(/<(?:\w+:)?Relationship\b([^>]*)>/g)) {
    const a = attrs(m[1]!);
    if (a.Id && a.Target) targets.set(a.Id, { type: a.Type ?? '', target: a.Target });
  }
  const list = /<(?:\w+:)?sheets\b[^>]*>([\s\S]*?)<\/(?:\w+:)?sheets\s*>/.exec(wb)?.[1] ?? '';
  return [...list.matchAll(/<(?:\w+:)?sheet\b([^>]*)>/g)].map((m) => {
    const a = attrs(m[1]!);
    // The relationship id is `r:id` (any prefix); `sheetId` is the sheet's own number.
    const rid = Object.entries(a).find(([k]) => /(^|:)id$/.test(k))?.[1];
    const rel = rid ? targets.get(rid) : undefined;
    const path = rel && (rel.target.startsWith('/') ? rel.target.slice(1) : `xl/${rel.target}`);
    return { name: a.name, state: a.state, type: rel?.type, path: path?.replace(/\/\.\//g, '/') };
  });
}
