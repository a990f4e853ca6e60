/**
 * What a UK postcode looks like, one rule for both doors: an outward code (area and district:
 * "BD1", "SW1A") then, after one space, an inward code (sector digit and unit letters: "1AA"); or
 * the outward code alone, as an enquiry form may ask only for the first half. An import stores one
 * in that form, whatever its case and spacing, and warns about a cell that is not one (kept as
 * written, in capitals); a person typing one is asked again.
 */
const OUTWARD = /^[A-Z]{1,2}\d[A-Z\d]?$/;
const WHOLE = /^([A-Z]{1,2}\d[A-Z\d]?)(\d[A-Z]{2})$/;

/**
 * The postcode in its stored form ("bd11aa" → "BD1 1AA", "sw1a" → "SW1A"), or null if it is not one.
 * An outward code is taken alone only as typed, with no space in it: "M1 7" is a postcode sector,
 * not the district M17.
 */
export function ukPostcode(text: string): string | null {
  const upper = text.toUpperCase().trim();
  const whole = WHOLE.exec(upper.replace(/\s+/g, ''));
  if (whole) return `${whole[1]} ${whole[2]}`;
  return OUTWARD.test(upper) ? upper : null;
}

/** The message that asks again for a postcode typed by hand that is not one. */
export const postcodeFault = (text: string): string =>
  `"${text}" is not a UK postcode: type it as BD1 1AA (or its first half alone, BD1).`;
