import { useState } from 'react';
import type { HouseholdRecord } from '../../../src-main/contract/households.ts';
import { call } from '../api.ts';
import { Field, FormError } from '../ui/Field.tsx';
import { useAction } from '../ui/use-action.ts';

/**
 * Merges a duplicate (a near match an import listed, or a family typed in twice) into this
 * household. The core refuses anything that contradicts, so nothing is merged by guesswork.
 */
export function MergeForm({
  record,
  onDone,
}: {
  record: HouseholdRecord;
  onDone: (r: HouseholdRecord) => void;
}) {
  const [reference, setReference] = useState('');
  const [reason, setReason] = useState('');
  const act = useAction();
  return (
    <form
      className="hh-action"
      aria-label="Merge a duplicate into this household"
      onSubmit={(e) => {
        e.preventDefault();
        if (
          !window.confirm(`Merge ${reference} into ${record.reference}? ${reference} will no longer exist.`)
        )
          return;
        void act.run(async () => {
          onDone(
            await call('households.mergeHouseholds', { id: record.id, mergeReference: reference, reason }),
          );
          setReference('');
          setReason('');
        });
      }}
    >
      <h3>Merge a duplicate into this household</h3>
      <p className="hint">
        Its milestones, details this record lacks, endings and history move here; contradicting dates are
        refused.
      </p>
      <Field label="Reference of the duplicate" error={act.errorFor('mergeReference')}>
        {(a) => (
          <input
            autoComplete="off"
            {...a}
            required
            value={reference}
            onChange={(e) => setReference(e.target.value)}
          />
        )}
      </Field>
      <Field label="Why they are the same household" error={act.errorFor('reason')}>
        {(a) => (
          <input
            autoComplete="off"
            {...a}
            required
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        )}
      </Field>
      <FormError error={act.error} shown={['mergeReference', 'reason']} />
      <button type="submit" disabled={act.busy}>
        Merge
      </button>
    </form>
  );
}
