import { useId } from 'react';
import type { BackupProblem } from '../../../src-main/contract/data.ts';
import './data.css';

/**
 * Why today's automatic backup was not made when the database was opened (the core's words, which
 * say what to do and quote the log's reference). A region named by its heading, so it is found from
 * the page's headings and landmarks; Home links to Settings, where Back up now is.
 */
export function BackupProblemNote({
  problem,
  heading: Heading,
  toSettings = false,
}: {
  problem: BackupProblem;
  heading: 'h2' | 'h3';
  toSettings?: boolean;
}) {
  const id = useId();
  return (
    <section className="backup-problem" aria-labelledby={id}>
      <Heading id={id}>Today&apos;s backup was not made</Heading>
      <p>{problem.message}</p>
      {toSettings && (
        <p>
          <a href="#/settings">Go to Settings to back up now</a>
        </p>
      )}
    </section>
  );
}
