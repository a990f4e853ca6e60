import { FormError } from './Field.tsx';
import type { Save } from './use-save.ts';

/**
 * The foot of a settings form: the core's refusal when it names no field shown, the save button
 * (off while saving), and what the save did, in a status region a screen reader announces.
 */
export function SaveStatus({ save, label, shown = [] }: { save: Save; label: string; shown?: string[] }) {
  return (
    <>
      <FormError error={save.error} shown={shown} />
      <button type="submit" disabled={save.busy}>
        {label}
      </button>
      <p role="status" className="hint">
        {save.message}
      </p>
    </>
  );
}
