/**
 * An editable list of short lines (what must not appear, what must not drift, review criteria):
 * type a line and press Enter to add it, remove any with its button. Read-only shows the lines.
 */
import { useId, useState } from 'react';
import { errorMatchesField, fieldMessage } from '../../shared/lib/errors.ts';
import { Button } from '../../shared/ui/button.tsx';

export interface ListEditorProps {
  label: string;
  name: string;
  items: string[];
  onChange: (items: string[]) => void;
  readOnly?: boolean;
  /** What the add box suggests, e.g. "a logo on the van". */
  placeholder?: string;
  /** Shows each line with a box to tick, as a checklist reads. */
  checklist?: boolean;
  empty: string;
  error?: unknown;
  hint?: string;
}

export function ListEditor({ label, name, items, onChange, readOnly, placeholder, checklist, empty, error, hint }: ListEditorProps) {
  const id = useId();
  const [text, setText] = useState('');
  const invalid = errorMatchesField(error, name);
  const add = () => {
    const line = text.trim();
    if (!line) return;
    if (!items.includes(line)) onChange([...items, line]);
    setText('');
  };
  return (
    <fieldset className={['field', 'list-field', invalid ? 'field-invalid' : ''].filter(Boolean).join(' ')} aria-describedby={invalid ? `${id}-error` : undefined}>
      <legend className="field-label">{label}</legend>
      {items.length === 0 ? (
        <div className="list-empty">{empty}</div>
      ) : (
        <ul className={checklist ? 'line-list checklist' : 'line-list'} aria-label={label}>
          {items.map((item, i) => (
            <li key={`${i}-${item}`} className="line-item">
              {checklist && (
                <span className="check-box" aria-hidden>
                  ☐
                </span>
              )}
              <span className="line-text">{item}</span>
              {!readOnly && (
                <Button small variant="ghost" aria-label={`Remove “${item}” from ${label.toLowerCase()}`} onClick={() => onChange(items.filter((_, j) => j !== i))}>
                  Remove
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {!readOnly && (
        <div className="list-add">
          <input
            className="input"
            aria-label={`Add to ${label.toLowerCase()}`}
            placeholder={placeholder}
            value={text}
            maxLength={300}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              // Enter adds the line here instead of submitting the whole plan.
              if (e.key === 'Enter') {
                e.preventDefault();
                add();
              }
            }}
          />
          <Button small onClick={add} disabled={!text.trim()}>
            Add
          </Button>
        </div>
      )}
      {invalid && (
        <div id={`${id}-error`} className="field-error" role="alert">
          {fieldMessage(error, name)}
        </div>
      )}
      {hint && <div className="field-hint">{hint}</div>}
    </fieldset>
  );
}
