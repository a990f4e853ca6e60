import { formatUkDateTime } from '../../../src-main/contract/vocab.ts';

/**
 * When something was done, from the core's timestamp (ISO, UTC): dd/mm/yyyy hh:mm on the UK's
 * clock (BST in summer), as the CLI and the core's messages say it. Backups, past imports and the
 * household timeline all use it.
 */
export const madeAt = formatUkDateTime;
