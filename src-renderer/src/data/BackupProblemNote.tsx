import { useId } from 'react';
import type { BackupProblem } from '../../../src-main/contract/data.ts';
import './data.css';

interface NoteProps {
  heading: 'h2' | 'h3';
  toSettings?: boolean;
}

/**
 * A note about backups in the core's words, which say what to do. A region named by its heading,
 * so it is found from the page's headings and landmarks; Home links to Settings, where Back up now is.
 */
function BackupNote({
  title,
  words,
  heading: Heading,
  toSettings = false,
}: NoteProps & { title: string; words: string }) {
  const id = useId();
  return (
    <section className="backup-problem" aria-labelledby={id}>
      <Heading id={id}>{title}</Heading>
      <p>{words}</p>
      {toSettings && (
        <p>
          <a href="#/settings">Go to Settings to back up now</a>
        </p>
      )}
    </section>
  );
}

/** Why today's automatic backup was not made when the database was opened (quoting the log's reference). */
export const BackupProblemNote = ({ problem, ...props }: NoteProps & { problem: BackupProblem }) => (
  <BackupNote title="Today's backup was not made" words={problem.message} {...props} />
);

/** A link at the backups folder's name, which the app never follows (system.getStatus' backupsLinked). */
export const BackupsLinkNote = ({ words, ...props }: NoteProps & { words: string }) => (
  <BackupNote title="The backups folder is a link" words={words} {...props} />
);
