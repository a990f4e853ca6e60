import { formatCell } from '../../../src-main/contract/report-shapes.ts';

/**
 * A figure that opens the households behind it. The visible text is the number; the accessible
 * name says what it counts, so a screen reader hears "Initial enquiries, 2026/27 to date: 4. Show
 * the households". The count comes after what it counts, as in a table: before it, "1 households"
 * and "1 initial enquiries" were read out wherever a count was 1.
 */
export function NumberButton({
  value,
  what,
  pressed,
  onOpen,
  text,
}: {
  value: number;
  what: string;
  pressed: boolean;
  onOpen(): void;
  /** What to show instead of the plain number (e.g. with a unit). */
  text?: string;
}) {
  // As a report cell reads it (1,234; a negative net change with the minus sign).
  const shown = text ?? formatCell(value, 'count');
  if (value === 0) return <span>{shown}</span>;
  return (
    <button
      type="button"
      className="number-button"
      aria-pressed={pressed}
      aria-label={`${what.charAt(0).toUpperCase()}${what.slice(1)}: ${shown}. Show the households`}
      onClick={onOpen}
    >
      {shown}
    </button>
  );
}
