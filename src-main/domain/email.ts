/**
 * What an email address must look like: something, an @, a domain with a dot, no spaces. One rule
 * for both doors: an import warns about a cell that does not (and keeps it); a person typing one
 * is asked again.
 */
export const looksLikeEmail = (text: string): boolean => /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(text);
