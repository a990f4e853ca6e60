import { Fragment, useRef, useState, type FormEvent } from 'react';
import { countOf } from '../../../src-main/contract/vocab.ts';
import { call } from '../api.ts';
import { useStatus } from '../status.tsx';
import { Announced } from '../ui/Announced.tsx';
import { useFocusIfLost, useFocusReturn } from '../ui/use-focus-if-lost.ts';
import type { PageProps } from './page-props.ts';
import { ReasonSettings } from '../households/ReasonSettings.tsx';
import { AlertSettings } from '../households/AlertSettings.tsx';
import { DataSettings } from '../data/DataSettings.tsx';
import { PlanningSettings } from '../settings/PlanningSettings.tsx';
import { ApplicationBasisSettings } from '../settings/ApplicationBasisSettings.tsx';
import { OfstedSettings } from '../settings/OfstedSettings.tsx';
import { OnThisPage, type PageSection } from '../settings/OnThisPage.tsx';
import '../settings/settings.css';

const households = (n: number) => countOf(n, 'household');

/** A file opened, or the return, stands; sample files it could not delete are said after it, as an error. */
const withSampleLeft = (done: string, notDeleted: string | null) =>
  notDeleted ? { text: `${done} ${notDeleted}`, error: true } : { text: done, error: false };

/** Settings' sections, in the screen's order, by their headings' ids and words (an e2e test holds them equal). */
const SECTIONS: readonly PageSection[] = [
  { id: 'database-title', label: 'Database' },
  { id: 'sample-data-title', label: 'Sample data' },
  { id: 'reasons-dropout-title', label: 'Drop-out reasons (applicants)' },
  { id: 'reasons-leaving-title', label: 'Leaving reasons (approved households)' },
  { id: 'alert-settings-title', label: 'Alert timescales' },
  { id: 'application-basis-title', label: 'Application received' },
  { id: 'deregistration-title', label: 'Ofsted deregistration categories' },
  { id: 'children-in-care-title', label: 'Children in care profile' },
  { id: 'planning-title', label: 'Targets and comparators' },
  { id: 'your-data', label: 'Your data' },
];

export function SettingsPage(_props: PageProps) {
  const { status, set } = useStatus();
  const [path, setPath] = useState('');
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const messageLine = useRef<HTMLParagraphElement>(null);
  // A reason added, renamed or retired is a row of the Ofsted categories too: they read it afresh.
  const [reasonsChanged, setReasonsChanged] = useState(0);
  // Switching file replaces the button pressed (Try with sample data ↔ Return to my data).
  useFocusIfLost(messageLine, message);

  const returnFocus = useFocusReturn(busy);
  const run = async (action: () => Promise<void>) => {
    returnFocus();
    setBusy(true);
    setMessage(null);
    try {
      await action();
    } catch (e) {
      setMessage({ text: (e as Error).message, error: true });
    } finally {
      setBusy(false);
    }
  };

  const openDatabase = (create: boolean) =>
    void run(async () => {
      const s = await call('system.openDatabase', { path, create });
      set(s);
      setMessage(
        withSampleLeft(`${create ? 'Created and opened' : 'Opened'} ${s.dbPath}.`, s.sampleNotDeleted),
      );
    });

  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Settings</h1>
      <OnThisPage sections={SECTIONS} />

      <h2 id="database-title">Database</h2>
      {status && (
        <dl className="facts">
          <dt>File</dt>
          <dd>
            <code>{status.dbPath}</code>
          </dd>
          <dt>Schema version</dt>
          <dd>{status.schemaVersion}</dd>
          <dt>Households</dt>
          <dd>{status.households.toLocaleString('en-GB')}</dd>
          <dt>App version</dt>
          <dd>{status.appVersion}</dd>
        </dl>
      )}

      <form
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          openDatabase(false);
        }}
        className="inline-form"
      >
        <label htmlFor="db-path">Open a different database file</label>
        <input
          autoComplete="off"
          id="db-path"
          type="text"
          value={path}
          onChange={(e) => setPath(e.target.value)}
          placeholder="/path/to/fostering-funnel.db"
          aria-describedby="db-path-hint"
        />
        <button type="submit" disabled={busy || path.trim() === ''}>
          Open
        </button>
        <button
          type="button"
          className="secondary"
          disabled={busy || path.trim() === ''}
          onClick={() => openDatabase(true)}
        >
          New database…
        </button>
        <p id="db-path-hint" className="hint">
          Open only opens a Fostering Funnel database; New database… creates one at that path if there is
          none. An older database is backed up, then brought up to date.
        </p>
      </form>

      <h2 id="sample-data-title">Sample data</h2>
      {status?.sample ? (
        <>
          <p>Returning to your data deletes the sample data, with anything you imported or typed into it.</p>
          <button
            type="button"
            disabled={busy}
            onClick={() =>
              void run(async () => {
                const s = await call('system.useRealData', {});
                set(s);
                setMessage(
                  withSampleLeft(`Back to your data: ${households(s.households)}.`, s.sampleNotDeleted),
                );
              })
            }
          >
            Return to my data
          </button>
        </>
      ) : (
        <>
          <p>
            Explore the app with realistic made-up households. Sample data lives in its own file: your records
            are not touched. It is thrown away when you return to your data: anything you import or type while
            trying it is deleted then, and each try starts afresh.
          </p>
          <button
            type="button"
            disabled={busy}
            onClick={() =>
              void run(async () => {
                const s = await call('system.useSampleData', { households: 400, seed: 1 });
                set(s);
                setMessage({
                  text: `Now showing sample data: ${households(s.households)}, made up. Your records are not touched.`,
                  error: false,
                });
              })
            }
          >
            Try with sample data
          </button>
        </>
      )}

      <p role="status" className={message?.error ? 'error' : undefined} ref={messageLine} tabIndex={-1}>
        <Announced news={message} />
      </p>
      {/* Each section reads its own file's settings: another file opened, they read them afresh. */}
      <Fragment key={status?.dbPath}>
        <ReasonSettings onChanged={() => setReasonsChanged((n) => n + 1)} />
        <AlertSettings />
        <ApplicationBasisSettings />
        <OfstedSettings reasonsChanged={reasonsChanged} />
        <PlanningSettings />
        <DataSettings />
      </Fragment>
    </section>
  );
}
