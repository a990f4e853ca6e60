/**
 * Who is applying: the household types a person picks by hand. An import keeps a file's own
 * wording (free text), so a stored value outside this list is shown as it is, never lost.
 */
export const HOUSEHOLD_TYPES = [
  { key: 'single', label: 'Single applicant' },
  { key: 'couple', label: 'Couple' },
] as const;

export type HouseholdTypeKey = (typeof HOUSEHOLD_TYPES)[number]['key'];

export const householdTypeLabel = (key: string | null | undefined): string =>
  HOUSEHOLD_TYPES.find((t) => t.key === key)?.label ?? key ?? '';
