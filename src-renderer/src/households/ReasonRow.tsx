import { useState } from 'react';
import type { ReasonItem } from '../../../src-main/contract/reasons.ts';
import { useAction } from '../ui/use-action.ts';

/** One reason in a Settings reason list: its label (and Ofsted code) saved in place, moved, retired or restored. */
export function ReasonRow(props: {
  r: ReasonItem;
  first: boolean;
  last: boolean;
  showCode: boolean;
  onChange(p: { label?: string; ofstedCode?: string | null }): Promise<void>;
  onMove(d: 'up' | 'down'): Promise<void>;
  onRetire(retired: boolean): Promise<void>;
}) {
  const { r } = props;
  const [label, setLabel] = useState(r.label);
  const [code, setCode] = useState(r.ofstedCode ?? '');
  // The row's own refusals, shown in the row (not beside the form that adds a reason).
  const act = useAction();
  const id = `reason-${r.key}`;
  const labelError = act.errorFor('label');
  const codeError = act.errorFor('ofstedCode');
  const otherError = act.error && !labelError && !codeError ? act.error.message : undefined;
  const changed =
    label.trim() !== r.label || (props.showCode && (code.trim().toUpperCase() || null) !== r.ofstedCode);
  return (
    <tr className={r.retired ? 'hint' : undefined}>
      <td>
        <input
          aria-label={`Label for ${r.key}`}
          type="text"
          value={label}
          onChange={(e) => setLabel(e.target.value)}
          {...(labelError ? { 'aria-invalid': true, 'aria-describedby': `${id}-label-error` } : {})}
        />
        {labelError && (
          <p id={`${id}-label-error`} className="error field-error" role="alert">
            {labelError}
          </p>
        )}
      </td>
      {props.showCode && (
        <td>
          <input
            aria-label={`Ofsted code for ${r.key}`}
            value={code}
            size={5}
            onChange={(e) => setCode(e.target.value)}
            {...(codeError ? { 'aria-invalid': true, 'aria-describedby': `${id}-code-error` } : {})}
          />
          {codeError && (
            <p id={`${id}-code-error`} className="error field-error" role="alert">
              {codeError}
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
          <button
            type="button"
            disabled={act.busy}
            onClick={() =>
              void act.run(() =>
                props.onChange({
                  label: label.trim(),
                  ...(props.showCode ? { ofstedCode: code.trim() || null } : {}),
                }),
              )
            }
          >
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
