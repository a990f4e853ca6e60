import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { TableScroll } from '../ui/TableScroll.tsx';
import type { PurgeDue } from '../../../src-main/contract/data.ts';
import {
  CONNECTED_PERSON_BASIS_LABELS,
  countOf,
  formatUkDate,
  RETENTION_RULE_LABELS,
} from '../../../src-main/contract/vocab.ts';
import { call, CallError, saveBytes } from '../api.ts';
import { useStatus } from '../status.tsx';
import { OutcomeStatus } from '../ui/OutcomeStatus.tsx';
import { useOutcome } from '../ui/use-outcome.ts';
import { closesOnEscape } from '../ui/escape.ts';
import { useConfirmQuestion } from '../ui/use-confirm-question.ts';
import { SkipPast } from '../ui/SkipPast.tsx';
import type { PageProps } from './page-props.ts';
import { ErasureRequest } from '../data/ErasureRequest.tsx';
import '../data/data.css';

/** Lists households past their retention period and erases their personal details; subject access export. */
export function PurgePage(_props: PageProps) {
  const { refresh } = useStatus();
  const [due, setDue] = useState<PurgeDue | null>(null);
  // Erase… asks first: see useConfirmQuestion for where focus goes.
  const question = useConfirmQuestion();
  const confirming = question.asking !== null;
  const { busy, outcome, run, fail } = useOutcome();
  const [reference, setReference] = useState('');
  const [format, setFormat] = useState<'xlsx' | 'json'>('xlsx');
  // A reference the core refuses (none such, merged, purged) is said in the status line, which then
  // describes the reference field too, marked invalid, as a Field's error (until the next action).
  const [referenceRefused, setReferenceRefused] = useState(false);

  const load = useCallback(async () => setDue(await call('data.listPurgeDue', {})), []);
  useEffect(() => {
    load().catch(fail);
  }, [load, fail]);

  const purge = () =>
    void run(async () => {
      setReferenceRefused(false);
      question.answered();
      const r = await call('data.purgeHouseholds', { ids: due!.households.map((h) => h.id) });
      await Promise.all([load(), refresh()]);
      const missed = r.backupsNotErased.length
        ? ` ${countOf(r.backupsNotErased.length, 'backup')} could not be erased and may still hold them: ${r.backupsNotErased.join(', ')}.`
        : '';
      const unreached = r.backupsNotReached ? ` ${r.backupsNotReached}` : '';
      return `Erased the personal details of ${countOf(r.purged, 'household')}, here and in ${countOf(r.backupsErased, 'backup')}. Their milestones and reasons are kept, so reports are unchanged.${missed}${unreached}`;
    });

  const exportOne = (e: FormEvent) => {
    e.preventDefault();
    setReferenceRefused(false);
    void run(async () => {
      const file = await call('data.exportHousehold', { reference: reference.trim(), format }).catch(
        (err: unknown) => {
          if (err instanceof CallError && err.field === 'reference') setReferenceRefused(true);
          throw err;
        },
      );
      saveBytes(file.fileName, file.base64, file.mime);
      return `Saved ${file.fileName}.`;
    });
  };

  const r = due?.retention;
  const basis = due?.connectedPersons;
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Purge</h1>
      <p>
        Personal details (names, contact details, notes and other free text) are kept only as long as the law
        and local policy require. Purging erases them but keeps each household&apos;s reference, pathway,
        source and milestone dates, so every report stays the same. Each purge is recorded in the audit log by
        counts only. It reaches this database and the backups the app keeps, not the files saved from it
        (exports, reports, subject access files) nor the files you imported: delete those yourself.
      </p>
      {r && (
        <p className="hint">
          Current periods: enquirers who never applied {countOf(r.enquirerYears, 'year')} after closure;
          withdrawn or refused applicants {r.applicantYears} years after the decision; carers {r.carerYears}{' '}
          years after ceasing; connected persons (kinship) {r.connectedPersonYears} years after the placement
          ended (taken as the closure date); connected persons are{' '}
          {CONNECTED_PERSON_BASIS_LABELS[basis ?? 'kinship_pathway'].toLowerCase()}. Change them in{' '}
          <a href="#/settings">Settings</a>.
        </p>
      )}

      <h2>Households due</h2>
      {due && due.households.length === 0 && <p>No household is due for purging today.</p>}
      {due && due.households.length > 0 && (
        <>
          {/* Each household is a link: Erase… after them could be hundreds of Tab presses away. */}
          <SkipPast
            id="purge-end"
            stops={due.households.length}
            past={`the ${countOf(due.households.length, 'household')} due`}
            end="End of the households due"
          >
            <TableScroll>
              <table className="purge-table">
                <caption className="visually-hidden">Households due for purging</caption>
                <thead>
                  <tr>
                    <th scope="col">Reference</th>
                    <th scope="col">Name</th>
                    <th scope="col">Why</th>
                    <th scope="col">Ended</th>
                    <th scope="col">Due since</th>
                  </tr>
                </thead>
                <tbody>
                  {due.households.map((h) => (
                    <tr key={h.id}>
                      <td>
                        <a href={`#/household?id=${h.id}`}>{h.reference}</a>
                      </td>
                      <td>{h.name}</td>
                      <td>{RETENTION_RULE_LABELS[h.rule]}</td>
                      <td>{formatUkDate(h.endedOn)}</td>
                      <td>{formatUkDate(h.dueFrom)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </SkipPast>
          {confirming ? (
            <div
              role="group"
              aria-label="Confirm purge"
              className="data-confirm"
              onKeyDown={closesOnEscape(question.cancel)}
            >
              <span>
                Erase the personal details of {countOf(due.households.length, 'household')}? This cannot be
                undone.
              </span>
              <button type="button" disabled={busy} onClick={purge}>
                Yes, erase
              </button>
              <button
                type="button"
                className="secondary"
                ref={question.cancelButton}
                onClick={question.cancel}
              >
                Cancel
              </button>
            </div>
          ) : (
            <button
              type="button"
              disabled={busy}
              ref={question.askButton(true)}
              onClick={() => question.ask(true)}
            >
              Erase personal details of {countOf(due.households.length, 'household')}…
            </button>
          )}
        </>
      )}

      <h2>Subject access request</h2>
      <form className="inline-form" onSubmit={exportOne}>
        <label htmlFor="sar-reference">Household reference</label>
        <input
          autoComplete="off"
          id="sar-reference"
          type="text"
          value={reference}
          onChange={(e) => setReference(e.target.value)}
          aria-describedby={referenceRefused ? 'sar-hint sar-outcome' : 'sar-hint'}
          aria-invalid={referenceRefused || undefined}
        />
        <label htmlFor="sar-format">Format</label>
        <select id="sar-format" value={format} onChange={(e) => setFormat(e.target.value as 'xlsx' | 'json')}>
          <option value="xlsx">Excel (xlsx)</option>
          <option value="json">JSON</option>
        </select>
        <button type="submit" disabled={busy || reference.trim() === ''}>
          Export everything held
        </button>
        <p id="sar-hint" className="hint">
          Every record held about the household: details, milestones, closures, exit interviews, changes.
        </p>
      </form>

      <OutcomeStatus outcome={outcome} id="sar-outcome" />

      <ErasureRequest onErased={() => Promise.all([load(), refresh()]).then(() => undefined)} />
    </section>
  );
}
