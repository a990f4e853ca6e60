/** Where enquiries come from. Imported text maps to a key by label or key (see reasons.normaliseLabel). */
export const SOURCES = [
  { key: 'website', label: 'Website / web form' },
  { key: 'event', label: 'Event or stall' },
  { key: 'carer_referral', label: 'Carer referral' },
  { key: 'social_media', label: 'Social media' },
  { key: 'word_of_mouth', label: 'Word of mouth' },
  { key: 'radio', label: 'Radio' },
  { key: 'hub_campaign', label: 'Hub / national campaign' },
  { key: 'other', label: 'Other' },
] as const;

export type SourceKey = (typeof SOURCES)[number]['key'];

/**
 * The only values a household's source takes, by hand as by import (which maps a file's words to a
 * key, or Other). A purge keeps the source, as the sources table counts it, and the table names an
 * unlisted value as its own row: free text there ("Referred by …") would outlive the erasure and be
 * published.
 */
export const SOURCE_KEYS: readonly string[] = SOURCES.map((s) => s.key);

export const sourceLabel = (key: string | null | undefined): string =>
  SOURCES.find((s) => s.key === key)?.label ?? key ?? '';
