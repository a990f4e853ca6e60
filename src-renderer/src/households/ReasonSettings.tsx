import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ReasonItem } from '../../../src-main/contract/reasons.ts';
import {
  REASON_ENDED_BY,
  REASON_ENDED_BY_LABELS,
  REASON_LIST_NAMES,
  type ReasonEndedBy,
} from '../../../src-main/contract/vocab.ts';
import { call } from '../api.ts';
import { choicesOf, ChoiceField } from '../ui/ChoiceField.tsx';
import { Announced } from '../ui/Announced.tsx';
import { Field, FormError } from '../ui/Field.tsx';
import { useAction } from '../ui/use-action.ts';
import { useFocusIfLost } from '../ui/use-focus-if-lost.ts';
import './households.css';
import { ReasonRow } from './ReasonRow.tsx';
import { FieldsLockedWhileSaving } from '../ui/FieldsLockedWhileSaving.tsx';
import { TableScroll } from '../ui/TableScroll.tsx';

const ENDED_BY_CHOICES = choicesOf(REASON_ENDED_BY, REASON_ENDED_BY_LABELS);

const LISTS = [
  { list: 'dropout', title: 'Drop-out reasons (applicants)' },
  { list: 'leaving', title: 'Leaving reasons (approved households)' },
] as const;

/** Settings: both reason lists. Keys never change; retired reasons stay on old records. */
export function ReasonSettings({ onChanged }: { onChanged?: () => void } = {}) {
  return (
    <>
      {LISTS.map((l) => (
        <ReasonList key={l.list} list={l.list} title={l.title} onChanged={onChanged} />
      ))}
    </>
  );
}

function ReasonList({
  list,
  title,
  onChanged,
}: {
  list: 'dropout' | 'leaving';
  title: string;
  onChanged: (() => void) | undefined;
}) {
  const [items, setItems] = useState<ReasonItem[]>([]);
  const [label, setLabel] = useState('');
  const [code, setCode] = useState('');
  const [endedBy, setEndedBy] = useState<ReasonEndedBy>('any');
  // A new object each time, so the same words twice still count as a new outcome (focused, read out).
  const [message, setMessage] = useState<{ text: string } | null>(null);
  const status = useRef<HTMLParagraphElement>(null);
  // A saved row is drawn anew (its key holds its label) and an added reason empties the form, whose
  // button is then disabled: focus goes to the line saying what happened.
  // The add form's fields are locked while it runs, so focus falls from them: useAction's return of
  // focus to the field (declared first, so its effect runs first) comes before this.
  const act = useAction();
  useFocusIfLost(status, message);
  useEffect(() => {
    call('reasons.listReasons', { list, includeRetired: true }).then(setItems, () => undefined);
  }, [list]);
  /** A row's change: refused, it throws for the row's own action to show beside the row. */
  const change = async (p: Promise<ReasonItem[]>, done: string) => {
    setItems(await p);
    setMessage({ text: done });
    onChanged?.();
  };
  const add = (e: FormEvent) => {
    e.preventDefault();
    void act.run(async () => {
      await change(
        call('reasons.addReason', {
          list,
          label,
          ofstedCode: code || null,
          ...(list === 'dropout' ? { endedBy } : {}),
        }),
        `Added “${label.trim()}”.`,
      );
      // Only once stored: a refused name stays as typed, beside its message.
      setLabel('');
      setCode('');
      setEndedBy('any');
    });
  };
  const prefix = `reasons-${list}`;
  return (
    <section aria-labelledby={`${prefix}-title`} className="hh-reasons">
      <h2 id={`${prefix}-title`}>{title}</h2>
      <TableScroll>
        <table>
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">Label</th>
              {list === 'dropout' && <th scope="col">Ofsted code</th>}
              {list === 'dropout' && <th scope="col">Ended by</th>}
              <th scope="col">Key</th>
              <th scope="col" className="num">
                Used
              </th>
              <th scope="col">Order</th>
              <th scope="col">In use</th>
            </tr>
          </thead>
          <tbody>
            {items.map((r, i) => (
              <ReasonRow
                key={`${r.key}-${r.label}-${r.ofstedCode}-${r.endedBy}`}
                r={r}
                first={i === 0}
                last={i === items.length - 1}
                dropout={list === 'dropout'}
                onChange={(patch) =>
                  change(
                    call('reasons.updateReason', { list, key: r.key, ...patch }),
                    `Saved “${patch.label ?? r.label}”.`,
                  )
                }
                onMove={(direction) =>
                  change(
                    call('reasons.moveReason', { list, key: r.key, direction }),
                    `Moved “${r.label}” ${direction}.`,
                  )
                }
                onRetire={(retired) =>
                  change(
                    call('reasons.retireReason', { list, key: r.key, retired }),
                    `${retired ? 'Retired' : 'Restored'} “${r.label}”.`,
                  )
                }
              />
            ))}
          </tbody>
        </table>
      </TableScroll>
      {list === 'dropout' && (
        <p className="hint">
          Ended by: who ends an assessment for the reason. A closure recorded with it must fit (the applicant
          and lost contact are taken for each other).
        </p>
      )}
      <form onSubmit={add} className="inline-form" aria-label={`Add a ${REASON_LIST_NAMES[list]} reason`}>
        {/* No typing while a reason is added: the form is emptied once it is stored. */}
        <FieldsLockedWhileSaving saving={act.busy}>
          <Field label="New reason" error={act.errorFor('label')}>
            {(a) => (
              <input autoComplete="off" {...a} value={label} onChange={(e) => setLabel(e.target.value)} />
            )}
          </Field>
          {list === 'dropout' && (
            <Field label="Ofsted code" error={act.errorFor('ofstedCode')}>
              {(a) => (
                <input
                  autoComplete="off"
                  {...a}
                  value={code}
                  size={5}
                  onChange={(e) => setCode(e.target.value)}
                />
              )}
            </Field>
          )}
          {list === 'dropout' && (
            <ChoiceField
              label="Ended by"
              empty={false}
              choices={ENDED_BY_CHOICES}
              value={endedBy}
              onChange={(k) => setEndedBy(k as ReasonEndedBy)}
              error={act.errorFor('endedBy')}
            />
          )}
        </FieldsLockedWhileSaving>
        <button type="submit" disabled={act.busy || !label.trim()}>
          Add reason
        </button>
      </form>
      <FormError error={act.error} shown={['label', 'ofstedCode', 'endedBy']} />
      <p role="status" className="hint" ref={status} tabIndex={-1}>
        <Announced news={message} />
      </p>
    </section>
  );
}
