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

export const sourceLabel = (key: string | null | undefined): string =>
  SOURCES.find((s) => s.key === key)?.label ?? key ?? '';
