/**
 * A name from one column, as first name and surname. "SMITH, John", as CRMs and registers write a
 * name surname first, is cut at its comma (surname before it); any other at its last space, the
 * surname after it ("Mary Ann Smith": Mary Ann, Smith). One word is a surname.
 */
export function splitFullName(full: string): { first: string; surname: string } {
  const comma = full.indexOf(',');
  if (comma > 0 && full.slice(comma + 1).trim() !== '')
    return { first: full.slice(comma + 1).trim(), surname: full.slice(0, comma).trim() };
  const cut = full.lastIndexOf(' ');
  return cut > 0 ? { first: full.slice(0, cut), surname: full.slice(cut + 1) } : { first: '', surname: full };
}
