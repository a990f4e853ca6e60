import type { SortColumn } from '../../../src-main/contract/households.ts';

/**
 * Each row's height in pixels: the virtual list places rows by it, so the CSS must not change it.
 * Two lines of text: a column that shares out the spare width wraps onto a second line
 * (households.css .hh-wrap), so the list fits a 1024-px window (helper-273).
 */
export const ROW_HEIGHT = 44;

/**
 * The list's columns, in order; `contact` cannot be sorted by. A column that shares out the spare
 * width never narrows below `min` (at 200 % zoom the names and alerts were a letter wide) and
 * wraps onto the row's second line, cut only there; below the sum, the list scrolls sideways in
 * its own box (households.css). The others hold one short word, number or date, each `min` wide
 * enough for it and its heading in the list's font, and the reference, which tells the rows
 * apart, is as wide as the widest shown (use-reference-width.ts): none of them is ever cut.
 * The least widths add up to fit a 1024-px window with a Windows scrollbar beside the page
 * (helper-273: "Next alert" was off its right edge, out of the keyboard's reach), so an ending's
 * reason shares the Status cell ("Closed: Lost contact / no response") rather than a column.
 */
export const COLUMNS: Array<{
  key: SortColumn | 'contact';
  label: string;
  min: number;
  share?: number;
}> = [
  { key: 'reference', label: 'Reference', min: 90 },
  { key: 'name', label: 'Name', min: 120, share: 1.4 },
  { key: 'contact', label: 'Contact', min: 70, share: 1 },
  { key: 'pathway', label: 'Pathway', min: 92 },
  { key: 'stage', label: 'Stage', min: 64 },
  // Its heading wraps ("Days in / stage") over a number of a few digits.
  { key: 'daysInStage', label: 'Days in stage', min: 68 },
  { key: 'source', label: 'Source', min: 66, share: 1 },
  { key: 'enquiryDate', label: 'Enquiry', min: 90 },
  { key: 'status', label: 'Status', min: 78, share: 1 },
  // An overdue alert ("Overdue Initial visit due 04/12/2026") is the list's longest cell.
  { key: 'nextAlert', label: 'Next alert', min: 180, share: 1.8 },
];

/** A cell's class: those of a column sharing the spare width wrap onto the row's second line. */
export const cellClass = (key: (typeof COLUMNS)[number]['key']): string =>
  COLUMNS.some((c) => c.key === key && c.share !== undefined) ? 'hh-wrap' : '';

const widthOf = (c: (typeof COLUMNS)[number], reference: number) =>
  c.key === 'reference' ? Math.max(c.min, reference) : c.min;

/**
 * The grid template the header and every row share, so the columns line up, with the reference
 * column as wide as `reference` (px) where that is more than its least width.
 */
export const gridColumns = (reference: number): string =>
  COLUMNS.map((c) => (c.share ? `minmax(${c.min}px, ${c.share}fr)` : `${widthOf(c, reference)}px`)).join(' ');

/**
 * The narrowest the list becomes: its columns' least widths, and room for a scrollbar beside the
 * rows (Windows' takes 15 px; households.css reserves the same gutter beside the header).
 */
export const minWidth = (reference: number): number =>
  COLUMNS.reduce((sum, c) => sum + widthOf(c, reference), 0) + 20;

export type Sort = { sort: SortColumn; dir: 'asc' | 'desc' };
