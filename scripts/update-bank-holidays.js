#!/usr/bin/env node
// Refreshes resources/bank-holidays.json (England and Wales) from GOV.UK, keeping every date already
// held so older years stay correct. Run: `node scripts/update-bank-holidays.js` (needs the internet),
// or `node scripts/update-bank-holidays.js FILE.json` with a copy of https://www.gov.uk/bank-holidays.json.
// Alerts count working days from this file; nothing else in the app lists holiday dates.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const target = fileURLToPath(new URL('../resources/bank-holidays.json', import.meta.url));
const source = process.argv[2];
const govuk = source
  ? JSON.parse(readFileSync(source, 'utf8'))
  : await (await fetch('https://www.gov.uk/bank-holidays.json')).json();
const division = govuk['england-and-wales'] ?? govuk;
if (!Array.isArray(division.events)) throw new Error('No England and Wales events found in the GOV.UK data.');

const current = JSON.parse(readFileSync(target, 'utf8'));
const byDate = new Map(current.events.map((e) => [e.date, e]));
for (const e of division.events) byDate.set(e.date, { title: e.title, date: e.date });
const events = [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
writeFileSync(target, JSON.stringify({ ...current, events }, null, 2) + '\n');
process.stdout.write(
  `${events.length} bank holidays, ${events[0].date} to ${events.at(-1).date}, in ${target}\n`,
);
