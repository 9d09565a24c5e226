/** One filter of a grid: a labelled select whose empty choice means "any". */
export function FilterPick({ label, value, onPick, any, options }: { label: string; value: string; onPick: (value: string) => void; any: string; options: [string, string][] }) {
  return (
    <label className="inline-pick">
      {label}
      <select className="select select-small" aria-label={label} value={value} onChange={(e) => onPick(e.target.value)}>
        <option value="">{any}</option>
        {options.map(([v, name]) => (
          <option key={v} value={v}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
}
