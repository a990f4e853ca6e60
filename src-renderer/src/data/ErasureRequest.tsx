import { useState, type FormEvent } from 'react';
import { countOf } from '../../../src-main/contract/vocab.ts';
import { call, CallError } from '../api.ts';
import { OutcomeStatus } from '../ui/OutcomeStatus.tsx';
import { useOutcome } from '../ui/use-outcome.ts';
import { closesOnEscape } from '../ui/escape.ts';
import { useConfirmQuestion } from '../ui/use-confirm-question.ts';

/**
 * An erasure request: one household's personal details erased now, at the person's request, where
 * no law keeps them (a closed enquirer who never applied; the core refuses any other, saying until
 * when the law keeps it). As the purge, it asks once more before it erases, on Cancel.
 */
export function ErasureRequest({ onErased }: { onErased(): Promise<void> }) {
  const [reference, setReference] = useState('');
  const [refused, setRefused] = useState(false);
  const { busy, outcome, run } = useOutcome();
  const question = useConfirmQuestion();
  const confirming = question.asking !== null;

  const ask = (e: FormEvent) => {
    e.preventDefault();
    setRefused(false);
    question.ask(true);
  };
  const erase = () =>
    void run(async () => {
      question.answered();
      const r = await call('data.eraseOnRequest', { reference: reference.trim() }).catch((err: unknown) => {
        if (err instanceof CallError) setRefused(true);
        throw err;
      });
      await onErased();
      const missed = r.backupsNotErased.length
        ? ` ${countOf(r.backupsNotErased.length, 'backup')} could not be erased and may still hold them: ${r.backupsNotErased.join(', ')}.`
        : '';
      const unreached = r.backupsNotReached ? ` ${r.backupsNotReached}` : '';
      return `Erased the personal details of ${reference.trim()}, here and in ${countOf(r.backupsErased, 'backup')}. Its milestones and reasons are kept, so reports are unchanged.${missed}${unreached}`;
    });

  return (
    <>
      <h2>Erasure request</h2>
      <form className="inline-form" id="erasure-request" onSubmit={ask}>
        <label htmlFor="erase-reference">Reference to erase</label>
        <input
          autoComplete="off"
          id="erase-reference"
          type="text"
          value={reference}
          disabled={confirming}
          onChange={(e) => setReference(e.target.value)}
          aria-describedby={refused ? 'erase-hint erase-outcome' : 'erase-hint'}
          aria-invalid={refused || undefined}
        />
        {!confirming && (
          <button type="submit" ref={question.askButton(true)} disabled={busy || reference.trim() === ''}>
            Erase on request…
          </button>
        )}
        <p id="erase-hint" className="hint">
          For an enquirer who never applied and asks to be forgotten: close the record first.
          Applicants&apos;, carers&apos; and connected persons&apos; records are kept for the periods the law
          sets, and are erased by the purge above.
        </p>
      </form>
      {confirming && (
        <div
          role="group"
          aria-label="Confirm erasure"
          className="data-confirm"
          onKeyDown={closesOnEscape(question.cancel)}
        >
          <span>Erase the personal details of {reference.trim()} now? This cannot be undone.</span>
          <button type="button" disabled={busy} onClick={erase}>
            Yes, erase
          </button>
          <button type="button" className="secondary" ref={question.cancelButton} onClick={question.cancel}>
            Cancel
          </button>
        </div>
      )}
      <OutcomeStatus outcome={outcome} id="erase-outcome" />
    </>
  );
}
