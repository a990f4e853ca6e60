import { useState, type KeyboardEvent } from 'react';
import type { ReasonItem } from '../../../src-main/contract/reasons.ts';
import {
  REASON_ENDED_BY,
  REASON_ENDED_BY_LABELS,
  reasonEndedBy,
  type ReasonEndedBy,
} from '../../../src-main/contract/vocab.ts';
import { useAction } from '../ui/use-action.ts';

export interface ReasonPatch {
  label?: string;
  ofstedCode?: string | null;
  endedBy?: ReasonEndedBy;
}

/**
 * One reason in a Settings reason list: its label (and for a drop-out reason its Ofsted code and
 * who ends an assessment for it) saved in place, moved, retired or restored.
 */
export function ReasonRow(props: {
  r: ReasonItem;
  first: boolean;
  last: boolean;
  /** A drop-out reason: with an Ofsted code and an ended-by. */
  dropout: boolean;
  onChange(p: ReasonPatch): Promise<void>;
  onMove(d: 'up' | 'down'): Promise<void>;
  onRetire(retired: boolean): Promise<void>;
}) {
  const { r } = props;
  const [label, setLabel] = useState(r.label);
  const [code, setCode] = useState(r.ofstedCode ?? '');
  const [by, setBy] = useState(reasonEndedBy(r.endedBy));
  // The row's own refusals, shown in the row (not beside the form that adds a reason).
  const act = useAction();
  // Ids by the key, which never changes; every control is named by the reason's label as held (not
  // as being typed, nor the key), so a screen reader says which reason a field or button is for.
  const id = `reason-${r.key}`;
  const labelError = act.errorFor('label');
  const codeError = act.errorFor('ofstedCode');
  const byError = act.errorFor('endedBy');
  const otherError = act.error && !labelError && !codeError && !byError ? act.error.message : undefined;
  const byChanged = props.dropout && by !== reasonEndedBy(r.endedBy);
  const changed =
    label.trim() !== r.label ||
    byChanged ||
    (props.dropout && (code.trim().toUpperCase() || null) !== r.ofstedCode);
  const save = () => {
    if (!changed || act.busy) return;
    void act.run(() =>
      props.onChange({
        label: label.trim(),
        ...(props.dropout ? { ofstedCode: code.trim() || null } : {}),
        ...(byChanged ? { endedBy: by } : {}),
      }),
    );
  };
  // Enter in the row's text boxes saves it, as in a form (the row is a table row, not a form).
  const saveOnEnter = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    save();
  };
  return (
    <tr className={r.retired ? 'hint' : undefined}>
      <td>
        <input
          autoComplete="off"
          aria-label={`Label for ${r.label}`}
          type="text"
          value={label}
          onChange={(e) => setLabel(e.target.value)}
          onKeyDown={saveOnEnter}
          {...(labelError ? { 'aria-invalid': true, 'aria-describedby': `${id}-label-error` } : {})}
        />
        {labelError && (
          <p id={`${id}-label-error`} className="error field-error" role="alert">
            {labelError}
          </p>
        )}
      </td>
      {props.dropout && (
        <td>
          <input
            autoComplete="off"
            aria-label={`Ofsted code for ${r.label}`}
            value={code}
            size={5}
            onChange={(e) => setCode(e.target.value)}
            onKeyDown={saveOnEnter}
            {...(codeError ? { 'aria-invalid': true, 'aria-describedby': `${id}-code-error` } : {})}
          />
          {codeError && (
            <p id={`${id}-code-error`} className="error field-error" role="alert">
              {codeError}
            </p>
          )}
        </td>
      )}
      {props.dropout && (
        <td>
          <select
            aria-label={`Ended by for ${r.label}`}
            value={by}
            onChange={(e) => setBy(e.target.value as ReasonEndedBy)}
            {...(byError ? { 'aria-invalid': true, 'aria-describedby': `${id}-by-error` } : {})}
          >
            {REASON_ENDED_BY.map((k) => (
              <option key={k} value={k}>
                {REASON_ENDED_BY_LABELS[k]}
              </option>
            ))}
          </select>
          {byError && (
            <p id={`${id}-by-error`} className="error field-error" role="alert">
              {byError}
            </p>
          )}
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
          onClick={() => void act.run(() => props.onMove('up'))}
          aria-label={`Move ${r.label} up`}
        >
          ↑
        </button>{' '}
        <button
          type="button"
          className="secondary"
          disabled={props.last}
          onClick={() => void act.run(() => props.onMove('down'))}
          aria-label={`Move ${r.label} down`}
        >
          ↓
        </button>
      </td>
      <td>
        {changed && (
          <button type="button" disabled={act.busy} onClick={save} aria-label={`Save ${r.label}`}>
            Save
          </button>
        )}{' '}
        <button
          type="button"
          className="secondary"
          onClick={() => void act.run(() => props.onRetire(!r.retired))}
          aria-label={`${r.retired ? 'Restore' : 'Retire'} ${r.label}`}
        >
          {r.retired ? 'Restore' : 'Retire'}
        </button>
        {otherError && (
          <p className="error" role="alert">
            {otherError}
          </p>
        )}
      </td>
    </tr>
  );
}
