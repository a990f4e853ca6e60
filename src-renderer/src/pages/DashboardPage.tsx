import { backupProblemToSay } from '../../../src-main/contract/backup-notes.ts';
import { formatUkDate } from '../../../src-main/contract/vocab.ts';
import { AlertsPanel, ComparatorsPanel, KinshipPanel, PipelinePanel } from '../dashboard/panels.tsx';
import { ForecastPanel } from '../dashboard/ForecastPanel.tsx';
import { DropoutsPanel } from '../dashboard/DropoutsPanel.tsx';
import { DueSoonPanel } from '../dashboard/DueSoonPanel.tsx';
import { useDrill } from '../dashboard/use-drill.ts';
import { YearToDate } from '../dashboard/YearToDate.tsx';
import { BackupProblemNote, BackupsLinkNote } from '../data/BackupProblemNote.tsx';
import { useStatus } from '../status.tsx';
import '../dashboard/dashboard.css';
import { Announced } from '../ui/Announced.tsx';
import { DrillPanel } from '../ui/DrillPanel.tsx';
import { LoadState, Page } from '../ui/Page.tsx';
import { useApi } from '../ui/use-api.ts';
import { useFocusReturn } from '../ui/use-focus-if-lost.ts';
import { useRefreshed } from '../ui/use-refreshed.ts';
import type { PageProps } from './page-props.ts';

/**
 * Home: where the year is going. Today is the core's today (never the browser's clock), so the
 * dashboard agrees with every report and alert. Every number opens the households it counts.
 */
export function DashboardPage(_props: PageProps) {
  const { data: d, error, failure, loading, refresh } = useApi('planning.getDashboard', {});
  const { status, refresh: refreshStatus } = useStatus();
  // A daily backup refused for the link is said once, by the link's note (which says what to do).
  const problem = status && backupProblemToSay(status);
  const { drill, open, close } = useDrill();
  const props = { selected: drill?.key ?? null, onOpen: open };
  // Refresh is off while the figures are read: focus comes back to it after.
  const returnFocus = useFocusReturn(loading);
  const refreshed = useRefreshed(loading, !!error, 'Figures brought up to date.');
  return (
    <Page title="Home" className="dashboard-page">
      <div className="dash-bar">
        {d && (
          <p className="dash-meta">
            As at {formatUkDate(d.today)} · financial year {d.fy}
          </p>
        )}
        <button
          type="button"
          className="secondary"
          // The status too: what it says of backups (a link put at the folder since) is read again.
          onClick={() => (returnFocus(), refreshed.asked(), refresh(), void refreshStatus())}
          disabled={loading}
        >
          Refresh
        </button>
        <p role="status" className="dash-refreshed">
          <Announced news={refreshed.news} />
        </p>
      </div>
      {problem && <BackupProblemNote problem={problem} heading="h2" toSettings />}
      {status?.backupsLinked && <BackupsLinkNote words={status.backupsLinked} heading="h2" toSettings />}
      <LoadState loading={loading && !d} failure={failure} />
      {drill && <DrillPanel title={drill.title} result={drill.result} error={drill.error} onClose={close} />}
      {d && (
        <div className="dash-grid">
          <YearToDate d={d} {...props} />
          <PipelinePanel d={d} {...props} />
          <ForecastPanel d={d} {...props} />
          <AlertsPanel d={d} {...props} />
          <DueSoonPanel d={d} {...props} />
          <DropoutsPanel d={d} {...props} />
          <KinshipPanel d={d} {...props} />
          <ComparatorsPanel d={d} />
        </div>
      )}
    </Page>
  );
}
