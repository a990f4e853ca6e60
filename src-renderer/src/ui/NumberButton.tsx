/**
 * A figure that opens the households behind it. The visible text is the number; the accessible
 * name says what it counts, so a screen reader hears "4 initial enquiries this year. Show the households".
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
  const shown = text ?? value.toLocaleString('en-GB');
  if (value === 0) return <span>{shown}</span>;
  return (
    <button
      type="button"
      className="number-button"
      aria-pressed={pressed}
      aria-label={`${shown} ${what}. Show the households`}
      onClick={onOpen}
    >
      {shown}
    </button>
  );
}
