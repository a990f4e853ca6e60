import { formatUkDate } from '../../../src-main/contract/vocab.ts';

/**
 * When something was done, from the core's timestamp (ISO, UTC): dd/mm/yyyy hh:mm, saying UTC, since
 * in British Summer Time the clock on the wall is an hour ahead of it. Backups, past imports and the
 * household timeline all say it the same way.
 */
export const madeAt = (iso: string): string => `${formatUkDate(iso.slice(0, 10))} ${iso.slice(11, 16)} UTC`;
