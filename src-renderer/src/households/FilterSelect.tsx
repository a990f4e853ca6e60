/** One filter of the households list: a select whose empty choice ("All") leaves the list unfiltered. */
export function FilterSelect(props: {
  label: string;
  value: string | undefined;
  onChange(v: string | undefined): void;
  options: ReadonlyArray<readonly [string, string]>;
}) {
  const id = `hh-filter-${props.label.toLowerCase().replace(/\s+/g, '-')}`;
  return (
    <div className="hh-field">
      <label htmlFor={id}>{props.label}</label>
      <select id={id} value={props.value ?? ''} onChange={(e) => props.onChange(e.target.value || undefined)}>
        <option value="">All</option>
        {props.options.map(([k, l]) => (
          <option key={k} value={k}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
}
