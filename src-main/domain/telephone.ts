/**
 * UK telephone numbers in one stored form, the national number spaced as BT and Ofcom write
 * it ("07700 900123", "0113 496 0000", "020 7946 0000"), however the cell held it: as text
 * with +44, 0044, (0), spaces, dots, dashes or brackets, or as a number from which office
 * software dropped the leading 0 (7700900123). Anything that is not a UK number (another
 * country's, an extension, words) is kept exactly as typed, spaces tidied.
 */
export const tidyTelephone = (raw: string | number): string => importedTelephone(raw).value;

/**
 * A telephone cell as an import stores it (tidyTelephone), and why it is not a telephone number
 * the app would take typed (checkTypedTelephone), or null: a number one digit short replaced a
 * good one without a word (helper-245). The import keeps it and warns; a UK number costs no check.
 */
export function importedTelephone(raw: string | number): { value: string; fault: string | null } {
  // A mobile number already in the stored form, as most cells hold one, is its own tidy form.
  if (typeof raw === 'string' && STORED_MOBILE.test(raw)) return { value: raw, fault: null };
  const typed = typeof raw === 'number' ? numberText(raw) : raw.replace(/\s+/g, ' ').trim();
  const national = ukNational(typed);
  if (national) return { value: spaced(national), fault: null };
  const typedCheck = checkTypedTelephone(typed);
  return { value: typed, fault: typedCheck.ok ? null : typedCheck.message };
}

/**
 * Whether an import keeps the telephone number a household holds rather than the file's: the
 * file's is not one the app would take typed ("0770090012", a digit short) and the one held is
 * (helper-245: a bad cell replaced a good number, which was then lost). Otherwise the file's
 * stands, as every other detail's does, warned of where it is not a number.
 */
export const keepsHeldTelephone = (next: string, held: string | null | undefined): boolean =>
  !!held && !checkTypedTelephone(next).ok && checkTypedTelephone(held).ok;

/** What spaced() makes of a mobile's national digits, and ukNational reads back unchanged. */
const STORED_MOBILE = /^07\d{3} \d{6}$/;

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

/** Digits in an international number (E.164: at most 15 after the +, at least 7 in practice). */
const INTERNATIONAL_DIGITS = /^\d{7,15}$/;

/**
 * A telephone number typed by hand: a UK number in the stored form tidyTelephone gives an import
 * (so the two agree, and a re-import finds it unchanged), another country's (+ or 00 and its code)
 * as typed with its spaces tidied, either with an extension ("ext 214"), or why it is neither.
 * An import keeps whatever a cell held (a file is not refused for a note in its telephone column);
 * a person typing can be asked again.
 */
export function checkTypedTelephone(
  typed: string,
): { ok: true; value: string } | { ok: false; message: string } {
  const text = typed.replace(/\s+/g, ' ').trim();
  const ext = /^(.*?)[\s,]*(?:ext\.?|extension|x)\s*(\d{1,6})$/i.exec(text);
  const number = ext ? ext[1]! : text;
  const suffix = ext ? ` ext ${ext[2]}` : '';
  const example = 'e.g. 07700 900123, or + and the country code for a number abroad';
  if (!/^[+\d\s().\-/]+$/.test(number) || !/\d/.test(number))
    return { ok: false, message: `"${text}" is not a telephone number: type its digits, ${example}.` };
  const national = ukNational(number);
  if (national) return { ok: true, value: spaced(national) + suffix };
  const digits = number.replace(/\(0\)/g, '').replace(/\D/g, '');
  const abroad = /^\s*(\+|00)/.test(number) && !/^(\+|00)\s*44/.test(number.replace(/[\s().\-/]/g, ''));
  if (abroad && INTERNATIONAL_DIGITS.test(digits.replace(/^00/, '')))
    return { ok: true, value: number.replace(/\s+/g, ' ').trim() + suffix };
  return {
    ok: false,
    message: `"${text}" is not a UK telephone number: one has 11 digits starting with 0 (10 for a few), ${example}.`,
  };
}
