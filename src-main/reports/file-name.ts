/**
 * A saved report's file name, less its extension: the table (or "reports" for several), the
 * years, "quarterly" when by quarter, and the pathway, so that the mainstream and kinship
 * versions of one table (its Excel file and its chart alike) never take each other's name.
 */
export function reportFileBase(
  name: string,
  o: { from: string; to: string; quarterly: boolean; pathway: string },
): string {
  const span = (o.from === o.to ? o.from : `${o.from}-${o.to}`).replace(/\//g, '-');
  return `${name}-${span}${o.quarterly ? '-quarterly' : ''}-${o.pathway}`;
}
