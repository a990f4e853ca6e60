import { useEffect, useRef } from 'react';
import { DashboardPage } from './pages/DashboardPage.tsx';
import { HouseholdsPage } from './pages/HouseholdsPage.tsx';
import { ImportPage } from './pages/ImportPage.tsx';
import { ReportsPage } from './pages/ReportsPage.tsx';
import { SettingsPage } from './pages/SettingsPage.tsx';
import { PurgePage } from './pages/PurgePage.tsx';
import { loadReportChart } from './reports/chart-loader.ts';
import { startReportsEarly } from './reports/first-report.ts';
import { parseRoute, useRoute } from './routes.ts';
import { StatusProvider, useStatus } from './status.tsx';
import { Announced } from './ui/Announced.tsx';
import { prefetch } from './ui/prefetch.ts';

// The status is asked for while the page is still being built, not after the first render;
// opening straight onto Reports also starts that screen's chart code and first table (first-report.ts).
const status = prefetch('system.getStatus', {});
const opening = parseRoute(window.location.hash);
if (opening.page === 'reports') startReportsEarly(opening.params);
// Otherwise the chart's code is fetched once the first screen has had its turn, so opening
// Reports later does not wait for it behind the first table (one Node process serves both).
else void status.finally(() => setTimeout(() => void loadReportChart(), 2000)).catch(() => undefined);

/** Top-level screens, in navigation order. */
const PAGES = [
  { key: 'dashboard', label: 'Home', Component: DashboardPage },
  { key: 'households', label: 'Households', Component: HouseholdsPage },
  { key: 'import', label: 'Import', Component: ImportPage },
  { key: 'reports', label: 'Reports', Component: ReportsPage },
  { key: 'purge', label: 'Purge', Component: PurgePage },
  { key: 'settings', label: 'Settings', Component: SettingsPage },
] as const;

function Shell() {
  const route = useRoute();
  const { status, failure } = useStatus();
  // A household's record (`#/household?id=N`) belongs to the Households screen.
  const key = route.page === 'household' ? 'households' : route.page;
  const page = PAGES.find((p) => p.key === key) ?? PAGES[0];
  const main = useRef<HTMLElement>(null);
  // A record and the list are one screen's two places: moving between them moves focus too.
  const record = key === 'households' && Number(route.params.get('id')) > 0;

  // Moving between screens puts keyboard focus at the new screen's start (a record's own heading
  // takes it, and names the page after it, once the record has loaded).
  useEffect(() => {
    document.title = `${page.label} – Fostering Funnel`;
    main.current?.focus({ preventScroll: true });
  }, [page.key, page.label, record]);

  return (
    <>
      <a className="skip-link" href="#main" onClick={(e) => (e.preventDefault(), main.current?.focus())}>
        Skip to main content
      </a>
      <header className="app-header">
        <span className="app-name">Fostering Funnel</span>
        <nav aria-label="Main">
          <ul>
            {PAGES.map((p) => (
              <li key={p.key}>
                <a
                  href={p.key === 'dashboard' ? '#/' : `#/${p.key}`}
                  aria-current={p.key === page.key ? 'page' : undefined}
                >
                  {p.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      {status?.sample && (
        <p className="banner" role="status">
          You are looking at sample data. Your own records are untouched: return to them in Settings, which
          deletes the sample data and anything you imported or typed into it.
        </p>
      )}
      {/* Drawn by Announced, one object per failed read: the same words failing again are said again. */}
      {failure && (
        <p className="banner error" role="alert">
          <Announced news={failure} />
        </p>
      )}
      <main id="main" ref={main} tabIndex={-1}>
        {/* Forms default their dates to today: wait for the core's day (or its error) before any screen mounts,
            so a form never starts from the browser's calendar when the core's clock differs. */}
        {status || failure ? <page.Component params={route.params} /> : <p role="status">Opening…</p>}
      </main>
    </>
  );
}

export function App() {
  return (
    <StatusProvider>
      <Shell />
    </StatusProvider>
  );
}
