/**
 * A note's text with @-mentions, on react-aria's Autocomplete (a text area with a list of
 * members): typing @ and the start of a name lists the project's members who match; ↑/↓ move
 * through them (react-aria's virtual focus, announced through aria-activedescendant), Enter or Tab
 * puts the mention in (`@"Dana Director"` for a name of several words, as the server reads it), a
 * click picks one too, Esc closes the list. Ctrl/⌘+Enter sends.
 */
import type { Mentionable } from '@backlot/contracts';

/** Someone to mention: a name, and their role where the writer may see the project's members. */
export type Member = Mentionable & { role?: string };
import { useRef, useState, type KeyboardEvent } from 'react';
import { Autocomplete, ListBox, ListBoxItem, TextArea, TextField } from 'react-aria-components';

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

/** Members whose name, or a word of it, starts with what was typed after the @ (six at most). */
export function membersMatching(members: Member[], query: string): Member[] {
  const q = query.toLowerCase();
  return members.filter((m) => m.name.toLowerCase().startsWith(q) || m.name.toLowerCase().includes(` ${q}`)).slice(0, 6);
}

/** How a member is written into the text: `@Name`, or `@"First Last"` for a name of several words. */
export function mentionOf(member: Member): string {
  const name = member.name.trim();
  return /\s/.test(name) ? `@"${name}"` : `@${name}`;
}

export function MentionField({ value, onChange, members, label, placeholder, onSubmit, onStart, autoFocus, rows = 3 }: MentionFieldProps) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const [caret, setCaret] = useState(0);
  const [closed, setClosed] = useState(false);
  const typing = mentionAt(value, caret);
  const matches = typing && !closed ? membersMatching(members, typing.query) : [];
  const open = matches.length > 0;

  const insert = (member: Member | undefined) => {
    if (!typing || !member) return;
    const before = value.slice(0, typing.start);
    const mention = mentionOf(member);
    onChange(`${before}${mention} ${value.slice(caret)}`);
    const at = before.length + mention.length + 1;
    setCaret(at);
    requestAnimationFrame(() => ref.current?.setSelectionRange(at, at));
  };

  /** The member the list's (virtual) focus is on; the first one when none is. */
  const focusedMember = (): Member | undefined => {
    const id = listRef.current?.querySelector('[data-focused]')?.getAttribute('data-account-id');
    return matches.find((m) => m.accountId === id) ?? matches[0];
  };

  // Runs before react-aria's own keys: picking and closing are the field's, moving through the list is react-aria's.
  const onKeyDownCapture = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== ref.current) return;
    if (!value && e.key.length === 1) onStart?.();
    const send = e.key === 'Enter' && (e.ctrlKey || e.metaKey);
    if (open && !send && (e.key === 'Enter' || e.key === 'Tab' || e.key === 'Escape')) {
      e.preventDefault();
      e.stopPropagation();
      if (e.key === 'Escape') setClosed(true);
      else insert(focusedMember());
    } else if (send) {
      e.preventDefault();
      e.stopPropagation();
      onSubmit();
    }
  };

  return (
    // react-aria replays the field's keys on the list; they stop here rather than reach the page's shortcuts.
    // biome-ignore lint/a11y/noStaticElementInteractions lint/a11y/noNoninteractiveElementInteractions: the wrapper only keeps the field's keys from the page's shortcuts; the field inside is the control
    <div className="mention-field" onKeyDownCapture={onKeyDownCapture} onKeyDown={(e) => open && e.stopPropagation()}>
      <Autocomplete
        inputValue={value}
        onInputChange={(next) => {
          onChange(next);
          setCaret(ref.current?.selectionStart ?? next.length);
          setClosed(false);
        }}
      >
        <TextField aria-label={label}>
          <TextArea
            ref={ref}
            className="input note-text"
            rows={rows}
            placeholder={placeholder}
            autoFocus={autoFocus}
            role="combobox"
            aria-expanded={open}
            onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
          />
        </TextField>
        {open && (
          <ListBox ref={listRef} className="mention-list" aria-label="Members" items={matches} onAction={(key) => insert(matches.find((m) => m.accountId === key))}>
            {(m) => (
              <ListBoxItem id={m.accountId} textValue={m.name} data-account-id={m.accountId} className="mention-option">
                {m.name} {m.role && <span className="faint small">{m.role}</span>}
              </ListBoxItem>
            )}
          </ListBox>
        )}
      </Autocomplete>
    </div>
  );
}
