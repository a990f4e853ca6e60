import { useState } from 'react';
import { CallError } from '../api.ts';
import type { FieldIssue } from '../../../src-main/contract/errors.ts';
import { useFocusReturn } from './use-focus-if-lost.ts';

export interface ActionError {
  message: string;
  field?: string;
  /** Every field at fault, where the core found more than one: each said beside its own field. */
  issues?: FieldIssue[];
}

/**
 * Runs one API call from a form: busy while it runs, the core's message (and the field it names)
 * kept to show next to that field. Nothing is stored when the core refuses, so the form stays as typed.
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ActionError | null>(null);
  const returnFocus = useFocusReturn(busy, !!(error?.field || error?.issues?.length));
  const run = async <T>(fn: () => Promise<T>): Promise<T | undefined> => {
    returnFocus();
    setBusy(true);
    setError(null);
    try {
      return await fn();
    } catch (e) {
      setError(
        e instanceof CallError
          ? { message: e.message, field: e.field, issues: e.issues }
          : { message: (e as Error).message },
      );
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  /**
   * The error message for one field, if the core named it (first, or among the other fields at
   * fault). Shown next to that field, so without the "field: " the core puts in front of a
   * validation message for the CLI and logs.
   */
  const errorFor = (...fields: string[]) =>
    error?.field && fields.includes(error.field)
      ? error.message.startsWith(`${error.field}: `)
        ? error.message.slice(error.field.length + 2)
        : error.message
      : error?.issues?.find((i) => fields.includes(i.field))?.message;
  return { busy, error, setError, run, errorFor };
}
