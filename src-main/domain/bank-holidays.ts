import data from '../../resources/bank-holidays.json' with { type: 'json' };
import type { IsoDate } from './dates.ts';

/**
 * England and Wales bank holidays, shipped as data in `resources/bank-holidays.json` (the same
 * shape as https://www.gov.uk/bank-holidays.json, England and Wales division). Update it with
 * `node scripts/update-bank-holidays.js` (fetches gov.uk and merges, keeping past years) or by
 * editing the file; the logic never lists dates itself.
 */
interface BankHolidayFile {
  division: string;
  events: ReadonlyArray<{ title: string; date: IsoDate }>;
}

const file = data as BankHolidayFile;

export const ENGLAND_WALES_BANK_HOLIDAYS: ReadonlySet<IsoDate> = new Set(file.events.map((e) => e.date));

/** The last year the shipped list covers: working days after it count weekends only. */
export const BANK_HOLIDAYS_KNOWN_UNTIL: IsoDate = file.events.reduce((a, e) => (e.date > a ? e.date : a), '');
