import { useState } from 'react';
import type { HouseholdRecord } from '../../../src-main/contract/households.ts';
import { mergeIntoAllowed } from '../../../src-main/contract/vocab.ts';
import { call } from '../api.ts';
import { Field, FormError } from '../ui/Field.tsx';
import { useAction } from '../ui/use-action.ts';
import { useFocusRefusedField } from '../ui/use-focus-refused-field.ts';

const SHOWN = ['mergeReference', 'reason'];

/**
 * Merges a duplicate (a near match an import listed, or a family typed in twice) into this
 * household. The core refuses anything that contradicts, so nothing is merged by guesswork.
 */
export function MergeForm({
  record,
  onDone,
}: {
  record: HouseholdRecord;
  onDone: (r: HouseholdRecord, what?: string) => void;
}) {
  const [reference, setReference] = useState('');
  const [reason, setReason] = useState('');
  const act = useAction();
  const form = useFocusRefusedField(act.error, SHOWN);
  // An erased household takes no duplicate in (the core refuses it): the form is not offered there.
  if (!mergeIntoAllowed(record.purged)) return null;
  return (
    <form
      ref={form}
      className="hh-action"
      aria-label="Merge a duplicate into this household"
      onSubmit={(e) => {
        e.preventDefault();
        void act.run(async () => {
          const merge = { id: record.id, mergeReference: reference, reason };
          // Checked before the confirmation: a reference of no household, this one's own, or a merge
          // the rules refuse was confirmed first ("NOPE will no longer exist"), then refused.
          // Each names the duplicate as stored, as the timeline does, not as typed ("enq-2611-029").
          const { mergedReference: dup } = await call('households.mergeHouseholds', {
            ...merge,
            dryRun: true,
          });
          if (!window.confirm(`Merge ${dup} into ${record.reference}? ${dup} will no longer exist.`)) return;
          const merged = await call('households.mergeHouseholds', merge);
          onDone(merged, `the merge of ${merged.mergedReference}`);
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
      <FormError error={act.error} shown={SHOWN} />
      <button type="submit" disabled={act.busy}>
        Merge
      </button>
    </form>
  );
}
