import { useId, type ReactNode } from 'react';

/** A labelled control with its hint and the core's error message next to it. */
export function Field(props: {
  label: string;
  error?: string | undefined;
  hint?: string;
  children: (a: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean }) => ReactNode;
}) {
  const id = useId();
  const describedBy = [props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className="hh-field">
      <label htmlFor={id}>{props.label}</label>
      {props.children({
        id,
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        ...(props.error ? { 'aria-invalid': true } : {}),
      })}
      {props.hint && (
        <p id={`${id}-hint`} className="hint">
          {props.hint}
        </p>
      )}
      {props.error && (
        <p id={`${id}-error`} className="error field-error" role="alert">
          {props.error}
        </p>
      )}
    </div>
  );
}

/** A form-level error that names no field. */
export function FormError({
  error,
  shown,
}: {
  error: { message: string; field?: string } | null;
  shown: string[];
}) {
  if (!error || (error.field && shown.includes(error.field))) return null;
  return (
    <p role="alert" className="error">
      {error.message}
    </p>
  );
}
