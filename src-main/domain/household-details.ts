/**
 * The households table's detail columns, in one list: what a file may fill (import), what undo puts
 * back, what a merge fills in from a duplicate, what a person may edit by hand, and which of them are
 * personal (a purge erases them; subject access returns them). Adding a detail column: add it here.
 * The journey (episode, milestones, status) is not a detail: the journey engine owns it.
 */
const DETAILS = {
  first_name: { field: 'firstName', personal: true, label: 'First name' },
  surname: { field: 'surname', personal: true, label: 'Surname' },
  email: { field: 'email', personal: true, label: 'Email' },
  telephone: { field: 'telephone', personal: true, label: 'Telephone' },
  postcode: { field: 'postcode', personal: true, label: 'Postcode' },
  source: { field: 'source', personal: false, label: 'Source' },
  // The pathway is a detail an import may set for a new household; by hand it is switched, dated (the engine).
  pathway: { field: null, personal: false, label: 'Pathway' },
  // A file's own wording as its cell held it ("Couple, Mr Quill uses a wheelchair"): free text no
  // report counts, about the people's relationships (whose relationship status a purge erases).
  household_type: { field: 'householdType', personal: true, label: 'Household type' },
  notes: { field: 'notes', personal: true, label: 'Notes' },
} as const;

export type HouseholdColumn = keyof typeof DETAILS;

/** Every detail column, in the order imports and exports list them. */
export const HOUSEHOLD_COLUMNS = Object.keys(DETAILS) as HouseholdColumn[];

type Editable = {
  [
    C in HouseholdColumn as (typeof DETAILS)[C]['field'] extends string ? (typeof DETAILS)[C]['field'] : never
  ]: C;
};

/** Details editable by hand: API field name → column (the pathway is switched, not edited). */
export const EDITABLE = Object.fromEntries(
  HOUSEHOLD_COLUMNS.filter((c) => DETAILS[c].field !== null).map((c) => [DETAILS[c].field, c]),
) as Editable;
export type EditableField = keyof Editable;

/** The detail columns that hold personal data: erased by a purge, never filled again after it. */
export const PERSONAL_HOUSEHOLD_FIELDS: ReadonlySet<string> = new Set(
  HOUSEHOLD_COLUMNS.filter((c) => DETAILS[c].personal),
);

/** What the history calls each detail column. */
export const HOUSEHOLD_COLUMN_LABELS = Object.fromEntries(
  HOUSEHOLD_COLUMNS.map((c) => [c, DETAILS[c].label]),
) as Record<HouseholdColumn, string>;

/** A household's details by their API names (firstName, surname…), each held or null. */
export type HouseholdDetails = { [F in EditableField]: string | null };

/**
 * The longest text each household field holds. Typed values are checked by the contract's
 * schemas; imported cells by the importer (a longer cell rejects its row), so a field never
 * holds more from a file than a person could type.
 */
export const TEXT_LIMITS = {
  reference: 40,
  firstName: 200,
  surname: 200,
  email: 254,
  telephone: 40,
  postcode: 12,
  source: 60,
  householdType: 40,
  notes: 4000,
  /** A closure or leaving reason's own words, when it is not in the list (a reason's label). */
  reasonText: 200,
  /** Who held an exit interview (its notes are as long as a household's). */
  heldBy: 120,
} as const;

/**
 * What identifies a household, typed or imported: its reference (the join key across exports), a
 * name or an email. A household with none of them is a row no one can find again or match to next
 * month's export: an import refuses such a row, and a household typed by hand is refused (a typed
 * household's reference is numbered by the app when left empty, so that numbering does not count).
 */
export const identifiesHousehold = (d: {
  reference: string | null;
  firstName: string | null;
  surname: string | null;
  email: string | null;
}): boolean => Boolean(d.reference || d.firstName || d.surname || d.email);

/** What a household typed with nothing to identify it is told, beside its first name. */
export const UNIDENTIFIED_HOUSEHOLD =
  'Type a name, an email or a reference: a household with none of them cannot be identified.';
