/**
 * UK telephone numbers in one stored form, the national number spaced as BT and Ofcom write
 * it ("07700 900123", "0113 496 0000", "020 7946 0000"), however the cell held it: as text
 * with +44, 0044, (0), spaces, dots, dashes or brackets, or as a number from which office
 * software dropped the leading 0 (7700900123). Anything that is not a UK number (another
 * country's, an extension, words) is kept exactly as typed, spaces tidied.
 */
export function tidyTelephone(raw: string | number): string {
  const typed = typeof raw === 'number' ? numberText(raw) : raw.replace(/\s+/g, ' ').trim();
  const national = ukNational(typed);
  return national ? spaced(national) : typed;
}

/** A numeric cell as its digits (never "7.7e9"); fractions are not telephone numbers. */
const numberText = (n: number): string => (Number.isSafeInteger(n) ? n.toFixed(0) : String(n));

/** The 10 or 11 national digits starting with 0, or null when the text is not a UK number. */
function ukNational(text: string): string | null {
  if (!/^[+\d\s().\-/]+$/.test(text)) return null;
  let t = text.replace(/\(0\)/g, '');
  const international = /^\s*(\+|00)/.test(t);
  t = t.replace(/\D/g, '');
  if (international) {
    if (t.startsWith('00')) t = t.slice(2);
    if (!t.startsWith('44')) return null;
    t = `0${t.slice(2)}`;
  } else if (/^44[1-9]\d{8,9}$/.test(t)) {
    // +44 written without its plus (or a numeric cell that lost it).
    t = `0${t.slice(2)}`;
  } else if (/^[1-9]\d{8,9}$/.test(t)) {
    // The leading 0 dropped by a spreadsheet that read the number as a number.
    t = `0${t}`;
  }
  // 11 digits for every range in use (01, 02, 03, 05, 07, 08, 09); 10 only for a few 01 areas and 0800.
  return /^(0[1235789]\d{9}|01\d{8}|0800\d{6})$/.test(t) ? t : null;
}

/** Grouped as the numbering plan writes it; the 10-digit ones as 5 + 5 (01) or 4 + 6 (0800). */
function spaced(n: string): string {
  if (n.length === 10)
    return n.startsWith('0800') ? `${n.slice(0, 4)} ${n.slice(4)}` : `${n.slice(0, 5)} ${n.slice(5)}`;
  if (/^02/.test(n)) return `${n.slice(0, 3)} ${n.slice(3, 7)} ${n.slice(7)}`;
  if (/^01\d1/.test(n) || /^011/.test(n)) return `${n.slice(0, 4)} ${n.slice(4, 7)} ${n.slice(7)}`;
  if (/^0[389]/.test(n)) return `${n.slice(0, 4)} ${n.slice(4, 7)} ${n.slice(7)}`;
  return `${n.slice(0, 5)} ${n.slice(5)}`;
}
