import type { ReactNode } from 'react';
import { Announced } from './Announced.tsx';
import './ui.css';

/** A top-level screen: its heading (the target of focus when the screen opens) and its content. */
export function Page({
  title,
  className,
  children,
}: {
  title: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby="page-title" className={className}>
      <h1 id="page-title">{title}</h1>
      {children}
    </section>
  );
}

/** A titled block of a screen, a landmark region named by its heading. */
export function Panel({
  id,
  title,
  className,
  children,
}: {
  id: string;
  title: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  return (
    <section className={['panel', className].filter(Boolean).join(' ')} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}

/**
 * Loading and error lines for data read with useApi, announced politely. The error is useApi's
 * `failure`, drawn by Announced: a Refresh failing again with the same words is said again.
 */
export function LoadState({ loading, failure }: { loading: boolean; failure: { text: string } | null }) {
  return (
    <div aria-live="polite" className="load-state">
      {failure ? (
        <p className="error" role="alert">
          <Announced news={failure} />
        </p>
      ) : loading ? (
        <p>Loading…</p>
      ) : null}
    </div>
  );
}
