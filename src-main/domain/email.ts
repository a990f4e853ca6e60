/**
 * What an email address must look like: something, an @, a domain with a dot, no spaces. One rule
 * for both doors: an import warns about a cell that does not (and keeps it); a person typing one
 * is asked again.
 */
export const looksLikeEmail = (text: string): boolean => /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(text);

/** What a person typing an email that will not do is told (null: it will do). */
export const emailFault = (text: string): string | null =>
  looksLikeEmail(text)
    ? null
    : `"${text}" is not an email address: type it as name@example.org, with no spaces.`;
