import type { HouseholdRecord } from '../../../src-main/contract/households.ts';
import { TableScroll } from '../ui/TableScroll.tsx';
import type { JourneyDateKind } from '../../../src-main/contract/journey.ts';
import {
  APPLICATION_BASIS_WORDS,
  handActionAllowed,
  journeyDateDetail,
} from '../../../src-main/contract/vocab.ts';
import { uk } from './format.ts';
import { JourneyDateForm } from './JourneyDateForm.tsx';
import { offeredSteps, stepLabel, stepsFor } from './journey-steps.ts';

/**
 * The journey's dated steps that are not stages: all Stage 1 information obtained, the panel
 * minutes and, for kinship (connected persons) households, the viability assessment, the reg 24
 * placement, its extension and IRM review. Lists every recorded date with the clocks they start,
 * and the form to record more.
 */
export function JourneyDates({
  record,
  onDone,
}: {
  record: HouseholdRecord;
  onDone(r: HouseholdRecord): void;
}) {
  const kinship = record.followsKinship;
  const offered = offeredSteps(record);
  // A mainstream household's steps follow its Stage 1 start and its panel: nothing to show before.
  if (!kinship && offered.steps.length === 0 && record.journeyDates.length === 0) return null;

  const journeyOrder = stepsFor('kinship');
  const order = (k: JourneyDateKind) => journeyOrder.indexOf(k);
  const rows = [...record.journeyDates].sort(
    (a, b) => a.episode - b.episode || order(a.kind) - order(b.kind),
  );
  // Dated by the core as the reports and alerts date it (the viability request, unless an earlier
  // Stage 1 start or EOI had already been received).
  const received = record.application;
  const receivedFrom = !received
    ? ''
    : received.from === 'viability_request'
      ? 'the viability request'
      : APPLICATION_BASIS_WORDS[received.from];
  const clock = record.reg24;
  const lateExtension =
    clock && !clock.extended
      ? rows.find((j) => j.episode === record.episode && j.kind === 'extension')
      : undefined;
  const title = kinship ? 'Kinship journey' : 'Journey dates';

  return (
    <section aria-labelledby="journey-dates-title">
      <h2 id="journey-dates-title">{title}</h2>
      {received && (
        <p>
          Application received {uk(received.date)} (from {receivedFrom}, as Settings count it).
        </p>
      )}
      {clock && (
        <p>
          Temporary approval (reg 24) from {uk(clock.placement)}:{' '}
          {clock.extended || clock.irmUntil ? 'extended limit' : 'limit'} {uk(clock.limit)}
          {clock.irmUntil && ', the IRM review’s outcome (reg 25(3): the approval lasts until it is known)'}
          {clock.stopped &&
            ' so far: the approval lasts until the outcome of the pending IRM review is known'}
          .
          {/* Recorded, as it happened, but it moves no limit: said, where the save said nothing (helper-242). */}
          {lateExtension &&
            ` The extension of ${uk(lateExtension.date)} came after the first limit had passed, so it extends nothing: reg 25 extends an approval that has not yet ended.`}
        </p>
      )}
      {rows.length > 0 ? (
        <TableScroll label="Dates recorded, by episode">
          <table>
            <caption className="visually-hidden">{title}: dates recorded</caption>
            <thead>
              <tr>
                <th scope="col">Episode</th>
                <th scope="col">Step</th>
                <th scope="col">Date</th>
                <th scope="col">Outcome or reason</th>
                <th scope="col">Entered</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((j) => (
                <tr key={`${j.episode}-${j.kind}`}>
                  <td>{j.episode}</td>
                  <td>{stepLabel(j.kind)}</td>
                  <td>{uk(j.date)}</td>
                  <td>{journeyDateDetail(j)}</td>
                  <td>{j.source === 'import' ? 'Import' : 'By hand'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p className="hint">No {kinship ? 'kinship journey dates' : 'journey dates'} recorded yet.</p>
      )}
      {handActionAllowed('journeyDate', record.status) && offered.steps.length > 0 && (
        <JourneyDateForm record={record} onDone={onDone} />
      )}
    </section>
  );
}
