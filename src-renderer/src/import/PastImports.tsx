import { useCallback, useEffect, useRef, useState } from 'react';
import type { ImportBatch } from '../../../src-main/contract/imports.ts';
import { countOf } from '../../../src-main/contract/vocab.ts';
import { IMPORT_KIND_LABELS } from '../../../src-main/contract/import-issues.ts';
import { call } from '../api.ts';
import { useFocusIfLost } from '../ui/use-focus-if-lost.ts';
import { madeAt } from '../ui/when.ts';
import { TableScroll } from '../ui/TableScroll.tsx';
import { Announced } from '../ui/Announced.tsx';

/**
 * Every batch, newest first, each with Undo (which the core refuses, saying why, if later edits
 * depend on it). `onUndone` is told which batch was undone, so what the page says of it can go.
 */
export function PastImports({ version, onUndone }: { version: number; onUndone(batchId: number): void }) {
  const [batches, setBatches] = useState<ImportBatch[]>([]);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  // An undone import's button becomes "Undone …": focus goes to the sentence saying what was put back.
  const line = useRef<HTMLParagraphElement>(null);
  useFocusIfLost(line, message);
  const load = useCallback(async () => {
    try {
      setBatches(await call('imports.listBatches', {}));
    } catch (e) {
      setMessage({ text: (e as Error).message, error: true });
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load, version]);

  // One undo at a time, said while it runs: a large import's undo takes seconds, and Undo pressed
  // again meanwhile asked to undo it twice.
  const [undoing, setUndoing] = useState(false);
  const undo = async (b: ImportBatch) => {
    if (undoing) return;
    if (!window.confirm(`Undo import ${b.id} (${b.fileName})? Everything it changed will be put back.`))
      return;
    setUndoing(true);
    setMessage({ text: `Undoing import ${b.id}…`, error: false });
    let outcome: { text: string; error: boolean };
    try {
      const r = await call('imports.undoImport', { batchId: b.id });
      // Where its erasure did not reach every backup, it says so as a purge does (PurgePage).
      const n = r.backupsNotErased.length;
      const missed = n
        ? ` ${countOf(n, 'backup')} could not be erased and may still hold the removed households' details: ${r.backupsNotErased.join(', ')}. Delete ${n === 1 ? 'it' : 'them'}: no later purge or undo reaches ${n === 1 ? 'it' : 'them'}.`
        : '';
      const unreached = r.backupsNotReached ? ` ${r.backupsNotReached}` : '';
      outcome = {
        text: `Import ${b.id} undone: ${countOf(r.removed, 'household')} removed, ${r.households} restored.${missed}${unreached}`,
        error: false,
      };
      onUndone(b.id);
    } catch (e) {
      outcome = { text: (e as Error).message, error: true };
    }
    // The list first, then the sentence: its button is gone by then, so focus can go to the sentence.
    await load();
    setMessage(outcome);
    setUndoing(false);
  };

  return (
    <section aria-labelledby="past-imports">
      <h2 id="past-imports">Past imports</h2>
      {message && (
        <p
          role={message.error ? 'alert' : 'status'}
          className={message.error ? 'error' : undefined}
          ref={line}
          tabIndex={-1}
        >
          <Announced news={message} />
        </p>
      )}
      {batches.length === 0 ? (
        <p>No imports yet.</p>
      ) : (
        <TableScroll label="Table of past imports">
          <table className="import-batches">
            <thead>
              <tr>
                <th scope="col" className="num">
                  Batch
                </th>
                <th scope="col">When</th>
                <th scope="col">File</th>
                <th scope="col">Kind</th>
                <th scope="col">Counts</th>
                <th scope="col">By</th>
                <th scope="col">Undo</th>
              </tr>
            </thead>
            <tbody>
              {batches.map((b) => (
                <tr key={b.id}>
                  <td className="num">{b.id}</td>
                  <td>{madeAt(b.createdAt)}</td>
                  <td>
                    {b.fileName}
                    {b.sheet ? ` (${b.sheet})` : ''}
                  </td>
                  <td>{IMPORT_KIND_LABELS[b.kind]}</td>
                  <td>
                    {countOf(b.rows, 'row')}: {b.new} new, {b.updated} updated, {b.unchanged} unchanged,{' '}
                    {countOf(b.duplicates, 'duplicate')}, {b.rejected} rejected
                  </td>
                  <td>{b.user}</td>
                  <td>
                    {b.undoneAt ? (
                      `Undone ${madeAt(b.undoneAt)}`
                    ) : (
                      <button
                        type="button"
                        className="secondary"
                        aria-disabled={undoing || undefined}
                        onClick={() => void undo(b)}
                      >
                        Undo import {b.id}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
