import { Announced } from './Announced.tsx';
import { FormError } from './Field.tsx';
import type { Save } from './use-save.ts';

/**
 * The foot of a settings form: the core's refusal when it names no field shown, the save button
 * (off while saving), and what the save did, in a status region a screen reader announces.
 */
export function SaveStatus({
  save,
  label,
  shown = [],
  errorId,
}: {
  save: Save;
  label: string;
  shown?: string[];
  /** The refusal's id, for the refused box of a grid to be described by. */
  errorId?: string;
}) {
  return (
    <>
      <FormError error={save.error} shown={shown} id={errorId} />
      <button type="submit" disabled={save.busy}>
        {label}
      </button>
      <p role="status" className="hint">
        <Announced news={save.message} />
      </p>
    </>
  );
}
