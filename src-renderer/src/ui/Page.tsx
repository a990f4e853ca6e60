import type { ReactNode } from 'react';
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

/** Loading and error lines for data read with useApi, announced politely. */
export function LoadState({ loading, error }: { loading: boolean; error: string | null }) {
  return (
    <div aria-live="polite" className="load-state">
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : loading ? (
        <p>Loading…</p>
      ) : null}
    </div>
  );
}
