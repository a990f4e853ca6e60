import { useState } from 'react';
import { CallError } from '../api.ts';
import { useFocusReturn } from './use-focus-if-lost.ts';

export interface ActionError {
  message: string;
  field?: string;
}

/**
 * Runs one API call from a form: busy while it runs, the core's message (and the field it names)
 * kept to show next to that field. Nothing is stored when the core refuses, so the form stays as typed.
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ActionError | null>(null);
  const returnFocus = useFocusReturn(busy);
  const run = async <T>(fn: () => Promise<T>): Promise<T | undefined> => {
    returnFocus();
    setBusy(true);
    setError(null);
    try {
      return await fn();
    } catch (e) {
      setError(
        e instanceof CallError ? { message: e.message, field: e.field } : { message: (e as Error).message },
      );
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  /**
   * The error message for one field, if the core named it. Shown next to that field, so without
   * the "field: " the core puts in front of a validation message for the CLI and logs.
   */
  const errorFor = (...fields: string[]) =>
    error?.field && fields.includes(error.field)
      ? error.message.startsWith(`${error.field}: `)
        ? error.message.slice(error.field.length + 2)
        : error.message
      : undefined;
  return { busy, error, setError, run, errorFor };
}
