import type { ReactNode } from 'react';
import './ui.css';

/**
 * A form's fields, taking no typing while its save runs. A form that starts afresh once the core
 * answers would otherwise wipe whatever was typed meanwhile (and the next Enter would save the
 * fresh form, a date typed gone and today's saved instead). A borderless fieldset, so disabling it
 * disables every control inside (nested fieldsets too) and the layout stays as if it were not there.
 */
export function FieldsLockedWhileSaving({
  saving,
  className,
  children,
}: {
  saving: boolean;
  /** Layout of the fields (hh-grid, say), beside the class that takes the fieldset's own look away. */
  className?: string;
  children: ReactNode;
}) {
  return (
    <fieldset
      className={className ? `locked-while-saving ${className}` : 'locked-while-saving'}
      disabled={saving}
    >
      {children}
    </fieldset>
  );
}
