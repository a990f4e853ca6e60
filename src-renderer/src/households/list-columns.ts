import type { SortColumn } from '../../../src-main/contract/households.ts';

/** Each row's height in pixels: the virtual list places rows by it, so the CSS must not change it. */
export const ROW_HEIGHT = 36;

/**
 * The list's columns, in order; the two without a sort column cannot be sorted by. A column that
 * shares out the spare width never narrows below `min` (at 200 % zoom the names and alerts were a
 * letter wide): below the sum, the list scrolls sideways in its own box (households.css).
 */
export const COLUMNS: Array<{
  key: SortColumn | 'contact' | 'reason';
  label: string;
  min: number;
  share?: number;
}> = [
  { key: 'reference', label: 'Reference', min: 100 },
  { key: 'name', label: 'Name', min: 120, share: 1.4 },
  { key: 'contact', label: 'Contact', min: 80, share: 1 },
  { key: 'pathway', label: 'Pathway', min: 100 },
  { key: 'stage', label: 'Stage', min: 90 },
  { key: 'daysInStage', label: 'Days in stage', min: 112 },
  { key: 'source', label: 'Source', min: 90, share: 1 },
  { key: 'enquiryDate', label: 'Enquiry', min: 100 },
  { key: 'status', label: 'Status', min: 80 },
  { key: 'reason', label: 'Reason', min: 80, share: 1 },
  // An overdue alert ("Overdue Initial visit due 04/12/2026") is the list's longest cell.
  { key: 'nextAlert', label: 'Next alert', min: 240, share: 1.8 },
];

/** The grid template the header and every row share, so the columns line up. */
export const GRID = COLUMNS.map((c) => (c.share ? `minmax(${c.min}px, ${c.share}fr)` : `${c.min}px`)).join(
  ' ',
);

/**
 * The narrowest the list becomes: its columns' least widths, and room for a scrollbar beside the
 * rows (Windows' takes 15 px; households.css reserves the same gutter beside the header).
 */
export const MIN_WIDTH = COLUMNS.reduce((sum, c) => sum + c.min, 0) + 20;

export type Sort = { sort: SortColumn; dir: 'asc' | 'desc' };
