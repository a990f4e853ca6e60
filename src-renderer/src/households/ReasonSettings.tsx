import { useEffect, useState, type FormEvent } from 'react';
import type { ReasonItem } from '../../../src-main/contract/reasons.ts';
import { call } from '../api.ts';
import { Field, FormError } from '../ui/Field.tsx';
import { useAction } from '../ui/use-action.ts';
import './households.css';

const LISTS = [
  { list: 'dropout', title: 'Drop-out reasons (applicants)' },
  { list: 'leaving', title: 'Leaving reasons (approved households)' },
] as const;

/** Settings: both reason lists. Keys never change; retired reasons stay on old records. */
export function ReasonSettings() {
  return (
    <>
      {LISTS.map((l) => (
        <ReasonList key={l.list} list={l.list} title={l.title} />
      ))}
    </>
  );
}

function ReasonList({ list, title }: { list: 'dropout' | 'leaving'; title: string }) {
  const [items, setItems] = useState<ReasonItem[]>([]);
  const [label, setLabel] = useState('');
  const [code, setCode] = useState('');
  const [message, setMessage] = useState('');
  const act = useAction();
  useEffect(() => {
    call('reasons.listReasons', { list, includeRetired: true }).then(setItems, () => undefined);
  }, [list]);
  const apply = (p: Promise<ReasonItem[]>, done: string) =>
    void act.run(async () => {
      setItems(await p);
      setMessage(done);
    });
  const add = (e: FormEvent) => {
    e.preventDefault();
    apply(call('reasons.addReason', { list, label, ofstedCode: code || null }), `Added “${label}”.`);
    setLabel('');
    setCode('');
  };
  const prefix = `reasons-${list}`;
  return (
    <section aria-labelledby={`${prefix}-title`} className="hh-reasons">
      <h2 id={`${prefix}-title`}>{title}</h2>
      <table>
        <caption className="visually-hidden">{title}</caption>
        <thead>
          <tr>
            <th scope="col">Label</th>
            {list === 'dropout' && <th scope="col">Ofsted code</th>}
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
              key={`${r.key}-${r.label}-${r.ofstedCode}`}
              r={r}
              first={i === 0}
              last={i === items.length - 1}
              showCode={list === 'dropout'}
              onChange={(patch) =>
                apply(
                  call('reasons.updateReason', { list, key: r.key, ...patch }),
                  `Saved “${patch.label ?? r.label}”.`,
                )
              }
              onMove={(direction) =>
                apply(
                  call('reasons.moveReason', { list, key: r.key, direction }),
                  `Moved “${r.label}” ${direction}.`,
                )
              }
              onRetire={(retired) =>
                apply(
                  call('reasons.retireReason', { list, key: r.key, retired }),
                  `${retired ? 'Retired' : 'Restored'} “${r.label}”.`,
                )
              }
            />
          ))}
        </tbody>
      </table>
      <form
        onSubmit={add}
        className="inline-form"
        aria-label={`Add a ${list === 'dropout' ? 'drop-out' : 'leaving'} reason`}
      >
        <Field label="New reason" error={act.errorFor('label')}>
          {(a) => <input {...a} value={label} onChange={(e) => setLabel(e.target.value)} />}
        </Field>
        {list === 'dropout' && (
          <Field label="Ofsted code" error={act.errorFor('ofstedCode')}>
            {(a) => <input {...a} value={code} size={5} onChange={(e) => setCode(e.target.value)} />}
          </Field>
        )}
        <button type="submit" disabled={act.busy || !label.trim()}>
          Add reason
        </button>
      </form>
      <FormError error={act.error} shown={['label', 'ofstedCode']} />
      <p role="status" className="hint">
        {message}
      </p>
    </section>
  );
}

function ReasonRow(props: {
  r: ReasonItem;
  first: boolean;
  last: boolean;
  showCode: boolean;
  onChange(p: { label?: string; ofstedCode?: string | null }): void;
  onMove(d: 'up' | 'down'): void;
  onRetire(retired: boolean): void;
}) {
  const { r } = props;
  const [label, setLabel] = useState(r.label);
  const [code, setCode] = useState(r.ofstedCode ?? '');
  const changed = label.trim() !== r.label || (props.showCode && (code.trim() || null) !== r.ofstedCode);
  return (
    <tr className={r.retired ? 'hint' : undefined}>
      <td>
        <input
          aria-label={`Label for ${r.key}`}
          type="text"
          value={label}
          onChange={(e) => setLabel(e.target.value)}
        />
      </td>
      {props.showCode && (
        <td>
          <input
            aria-label={`Ofsted code for ${r.key}`}
            value={code}
            size={5}
            onChange={(e) => setCode(e.target.value)}
          />
        </td>
      )}
      <td>
        <code>{r.key}</code>
      </td>
      <td className="num">{r.used}</td>
      <td>
        <button
          type="button"
          className="secondary"
          disabled={props.first}
          onClick={() => props.onMove('up')}
          aria-label={`Move ${r.label} up`}
        >
          ↑
        </button>{' '}
        <button
          type="button"
          className="secondary"
          disabled={props.last}
          onClick={() => props.onMove('down')}
          aria-label={`Move ${r.label} down`}
        >
          ↓
        </button>
      </td>
      <td>
        {changed && (
          <button
            type="button"
            onClick={() =>
              props.onChange({
                label: label.trim(),
                ...(props.showCode ? { ofstedCode: code.trim() || null } : {}),
              })
            }
          >
            Save
          </button>
        )}{' '}
        <button
          type="button"
          className="secondary"
          onClick={() => props.onRetire(!r.retired)}
          aria-label={`${r.retired ? 'Restore' : 'Retire'} ${r.label}`}
        >
          {r.retired ? 'Restore' : 'Retire'}
        </button>
      </td>
    </tr>
  );
}
