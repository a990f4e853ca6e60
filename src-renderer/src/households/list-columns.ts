import type { SortColumn } from '../../../src-main/contract/households.ts';

/** Each row's height in pixels: the virtual list places rows by it, so the CSS must not change it. */
export const ROW_HEIGHT = 36;

/** The list's columns, in order; the two without a sort column cannot be sorted by. */
export const COLUMNS: Array<{ key: SortColumn | 'contact' | 'reason'; label: string; width: string }> = [
  { key: 'reference', label: 'Reference', width: '110px' },
  { key: 'name', label: 'Name', width: '1.4fr' },
  { key: 'contact', label: 'Contact', width: '1.4fr' },
  { key: 'pathway', label: 'Pathway', width: '100px' },
  { key: 'stage', label: 'Stage', width: '90px' },
  { key: 'daysInStage', label: 'Days in stage', width: '112px' },
  { key: 'source', label: 'Source', width: '1fr' },
  { key: 'enquiryDate', label: 'Enquiry', width: '100px' },
  { key: 'status', label: 'Status', width: '90px' },
  { key: 'reason', label: 'Reason', width: '1.2fr' },
  { key: 'nextAlert', label: 'Next alert', width: '1.3fr' },
];

/** The grid template the header and every row share, so the columns line up. */
export const GRID = COLUMNS.map((c) => c.width).join(' ');

export type Sort = { sort: SortColumn; dir: 'asc' | 'desc' };
