/**
 * A note's text with @-mentions: typing @ and the start of a name lists the project's members
 * who match; ↑/↓ choose, Enter or Tab put the mention in (`@"Dana Director"` for a name of several
 * words, as the server reads it), Esc closes the list. Ctrl/⌘+Enter sends.
 */
import type { Member } from '@backlot/contracts';
import { useId, useRef, useState, type KeyboardEvent } from 'react';

export interface MentionFieldProps {
  value: string;
  onChange: (value: string) => void;
  members: Member[];
  label: string;
  placeholder?: string;
  onSubmit: () => void;
  /** The first key typed into an empty field (a note typed while playing pins to the frame then). */
  onStart?: () => void;
  autoFocus?: boolean;
  rows?: number;
}

/** The @word being typed just before the caret, if any. */
export function mentionAt(text: string, caret: number): { start: number; query: string } | undefined {
  const m = /(^|\s)@([^\s@]{0,40})$/.exec(text.slice(0, caret));
  return m ? { start: caret - m[2].length - 1, query: m[2] } : undefined;
}

export function MentionField({ value, onChange, members, label, placeholder, onSubmit, onStart, autoFocus, rows = 3 }: MentionFieldProps) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const listId = useId();
  const [caret, setCaret] = useState(0);
  const [chosen, setChosen] = useState(0);
  const [closed, setClosed] = useState(false);
  const typing = mentionAt(value, caret);
  const matches = typing && !closed ? members.filter((m) => m.name.toLowerCase().startsWith(typing.query.toLowerCase()) || m.name.toLowerCase().includes(` ${typing.query.toLowerCase()}`)).slice(0, 6) : [];
  const open = matches.length > 0;

  const insert = (member: Member) => {
    if (!typing) return;
    const before = value.slice(0, typing.start);
    const after = value.slice(caret);
    const mention = /\s/.test(member.name.trim()) ? `@"${member.name.trim()}"` : `@${member.name.trim()}`;
    onChange(`${before}${mention} ${after}`);
    const at = before.length + mention.length + 1;
    requestAnimationFrame(() => {
      ref.current?.setSelectionRange(at, at);
      setCaret(at);
    });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (!value && e.key.length === 1) onStart?.();
    if (open && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
      e.preventDefault();
      setChosen((c) => (c + (e.key === 'ArrowDown' ? 1 : matches.length - 1)) % matches.length);
    } else if (open && (e.key === 'Enter' || e.key === 'Tab') && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      insert(matches[Math.min(chosen, matches.length - 1)]);
    } else if (open && e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      setClosed(true);
    } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      onSubmit();
    }
  };

  return (
    <div className="mention-field">
      <textarea
        ref={ref}
        className="input note-text"
        aria-label={label}
        value={value}
        rows={rows}
        placeholder={placeholder}
        autoFocus={autoFocus}
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        onChange={(e) => {
          onChange(e.target.value);
          setCaret(e.target.selectionStart);
          setChosen(0);
          setClosed(false);
        }}
        onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
        onKeyDown={onKeyDown}
      />
      {open && (
        <ul className="mention-list" id={listId} role="listbox" aria-label="Members">
          {matches.map((m, i) => (
            <li
              key={m.accountId}
              role="option"
              aria-selected={i === chosen}
              className={i === chosen ? 'mention-option is-chosen' : 'mention-option'}
              onMouseDown={(e) => {
                e.preventDefault();
                insert(m);
              }}
            >
              {m.name} <span className="faint small">{m.role}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
