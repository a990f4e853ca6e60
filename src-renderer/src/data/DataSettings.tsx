import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { backupProblemToSay } from '../../../src-main/contract/backup-notes.ts';
import type { BackupList, DataSettings as Settings } from '../../../src-main/contract/data.ts';
import { EMPTY_FORM, SettingsFields, type SettingsForm } from './SettingsFields.tsx';
import { call } from '../api.ts';
import { BackupProblemNote } from './BackupProblemNote.tsx';
import { useStatus } from '../status.tsx';
import { FieldsLockedWhileSaving } from '../ui/FieldsLockedWhileSaving.tsx';
import { TableScroll } from '../ui/TableScroll.tsx';
import { OutcomeStatus } from '../ui/OutcomeStatus.tsx';
import { useOutcome } from '../ui/use-outcome.ts';
import { closesOnEscape } from '../ui/escape.ts';
import { useConfirmQuestion } from '../ui/use-confirm-question.ts';
import { madeAt } from '../ui/when.ts';
import './data.css';
import { backupLabel, countOf } from '../../../src-main/contract/vocab.ts';

const size = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;

/** Settings › Your data: back up now, restore from the list, how many to keep, retention periods. */
export function DataSettings() {
  const { refresh } = useStatus();
  const [list, setList] = useState<BackupList | null>(null);
  // The settings form appears only once these are in: typing into it earlier would be overwritten by them.
  const [settings, setSettings] = useState<Settings | null>(null);
  const [form, setForm] = useState<SettingsForm>(EMPTY_FORM);
  // Restore… asks first (useConfirmQuestion): the question names itself by its sentence.
  const questionId = useId();
  const question = useConfirmQuestion<string>();
  const { busy, outcome, run: runOnly, fail } = useOutcome();

  const loadList = useCallback(async () => setList(await call('data.listBackups', {})), []);
  // The form is set from what is stored only when the settings may have changed (a save, a
  // restore): a backup set it too, and numbers typed but not yet saved went back to the stored ones.
  const loadSettings = useCallback(async () => {
    const s = await call('data.getSettings', {});
    setSettings(s);
    setForm({
      keep: String(s.backupKeep),
      enquirer: String(s.retention.enquirerYears),
      applicant: String(s.retention.applicantYears),
      carer: String(s.retention.carerYears),
      connected: String(s.retention.connectedPersonYears),
      connectedPersons: s.connectedPersons,
    });
  }, []);

  useEffect(() => {
    Promise.all([loadList(), loadSettings()]).catch(fail);
  }, [loadList, loadSettings, fail]);

  // Every action changes the backups listed: read them again after, and the settings where asked.
  const [settingsRead, setSettingsRead] = useState(false);
  const run = (action: () => Promise<string>, settingsToo = true) => {
    setSettingsRead(settingsToo);
    return runOnly(async () => {
      const text = await action();
      await Promise.all([loadList(), settingsToo ? loadSettings() : null]);
      return text;
    });
  };

  // A backup made puts right a daily one that failed: Home stops saying so too.
  const backupNow = () =>
    void run(async () => {
      const made = await call('data.backupNow', {});
      await refresh();
      return `Backed up to ${made.path}.`;
    }, false);

  const restore = (path: string) =>
    void run(async () => {
      question.answered();
      const r = await call('data.restoreBackup', { path });
      await refresh();
      return `Restored ${countOf(r.households, 'household')} from the backup. The database it replaced was kept${r.previousCopy ? ` as ${r.previousCopy}` : ''}.`;
    });

  const save = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await call('data.saveSettings', {
        backupKeep: Number(form.keep),
        retention: {
          enquirerYears: Number(form.enquirer),
          applicantYears: Number(form.applicant),
          carerYears: Number(form.carer),
          connectedPersonYears: Number(form.connected),
        },
        connectedPersons: form.connectedPersons,
      });
      return 'Settings saved.';
    });
  };

  // A daily backup refused for a link at the backups folder's name is said once, as on Home: by
  // the list's words in its place (which stand while the link does, and say what to do).
  const problem =
    list && backupProblemToSay({ backupProblem: list.backupProblem, backupsLinked: list.backupsNotListed });

  return (
    <section aria-labelledby="your-data" className="data-settings">
      <h2 id="your-data">Your data</h2>
      <p>
        Everything stays in one file on this computer. Backups are complete copies beside it
        {list ? (
          <>
            {' '}
            in <code>{list.dir}</code>
          </>
        ) : null}
        , made before every import and every update, once a day, and whenever you ask.
      </p>
      {problem && <BackupProblemNote problem={problem} heading="h3" />}
      <button type="button" disabled={busy} onClick={backupNow}>
        Back up now
      </button>

      <h3>Restore from backup</h3>
      {list && list.backups.length === 0 && <p>{list.backupsNotListed ?? 'No backups yet.'}</p>}
      {list && list.backups.length > 0 && (
        <TableScroll>
          <table className="data-backups">
            <caption className="hint">Newest first; the newest {list.keep} are kept.</caption>
            <thead>
              <tr>
                <th scope="col">Made</th>
                <th scope="col">Why</th>
                <th scope="col" className="num">
                  Size
                </th>
                <th scope="col">
                  <span className="visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.backups.map((b) => (
                <tr key={b.path}>
                  <td>{madeAt(b.createdAt)}</td>
                  <td>{backupLabel(b.label)}</td>
                  <td className="num">{size(b.bytes)}</td>
                  <td>
                    {question.asking === b.path ? (
                      <span
                        className="data-confirm"
                        role="group"
                        aria-labelledby={questionId}
                        onKeyDown={closesOnEscape(question.cancel)}
                      >
                        <span id={questionId}>
                          Replace the current data with this backup? The current file is kept.
                        </span>
                        <button type="button" disabled={busy} onClick={() => restore(b.path)}>
                          Yes, restore
                        </button>
                        <button
                          type="button"
                          className="secondary"
                          ref={question.cancelButton}
                          onClick={question.cancel}
                        >
                          Cancel
                        </button>
                      </span>
                    ) : (
                      <button
                        type="button"
                        className="secondary"
                        disabled={busy}
                        aria-label={`Restore the backup made ${madeAt(b.createdAt)}`}
                        ref={question.askButton(b.path)}
                        onClick={() => question.ask(b.path)}
                      >
                        Restore…
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}

      {settings ? (
        <form onSubmit={save} aria-labelledby="retention-title">
          <h3 id="retention-title">Backups kept and retention of personal details</h3>
          {/* No typing while a save or restore runs: the form is set afresh from what is stored after it. */}
          <FieldsLockedWhileSaving saving={busy && settingsRead}>
            <SettingsFields form={form} onChange={setForm} />
          </FieldsLockedWhileSaving>
          <button type="submit" disabled={busy || !settings}>
            Save
          </button>{' '}
          <a href="#/purge">See households due for purging</a>
        </form>
      ) : (
        <p role="status">Loading the saved settings…</p>
      )}

      <OutcomeStatus outcome={outcome} />
    </section>
  );
}
