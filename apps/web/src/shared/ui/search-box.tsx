/**
 * A page's search field as the crew's lists have it: `/` focuses it (the page declares that key),
 * typing filters at once, Esc clears it and gives the page its keys back, ↓ or Enter moves on to
 * the first result. What it holds lives in the address (`?q=`), so a search can be shared.
 */
import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';

/** The search words in the address, and a way to change them (without a new history entry). */
export function useSearchWords(): [string, (words: string) => void] {
  const [search, setSearch] = useSearchParams();
  const words = search.get('q') ?? '';
  const set = (next: string) =>
    setSearch(
      (s) => {
        const params = new URLSearchParams(s);
        if (next) params.set('q', next);
        else params.delete('q');
        return params;
      },
      { replace: true },
    );
  return [words, set];
}

/** Whether every word typed is found, in any case, in one of the texts. */
export function matchesWords(words: string, texts: (string | undefined | null)[]): boolean {
  const hay = texts.filter(Boolean).join(' \n').toLocaleLowerCase();
  return words
    .toLocaleLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((w) => hay.includes(w));
}

export interface SearchBoxProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** ↓ or Enter: go to the first result. */
  onDone?: () => void;
}

export const SearchBox = forwardRef<HTMLInputElement, SearchBoxProps>(function SearchBox({ label, value, onChange, onDone }, ref) {
  const [typed, setTyped] = useState(value);
  const input = useRef<HTMLInputElement>(null);
  useImperativeHandle(ref, () => input.current!, []);
  // Follows the address when it changes from elsewhere (back, a shared link, "clear"); while the
  // member types here, the field leads and the address follows it (it may lag a keystroke behind).
  useEffect(() => {
    if (document.activeElement !== input.current) setTyped(value);
  }, [value]);
  return (
    <input
      ref={input}
      className="input input-search"
      type="search"
      aria-label={label}
      placeholder={`${label}  ( / )`}
      value={typed}
      onChange={(e) => {
        setTyped(e.target.value);
        onChange(e.target.value.trim());
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          setTyped('');
          onChange('');
          e.currentTarget.blur();
        } else if (e.key === 'ArrowDown' || e.key === 'Enter') {
          e.preventDefault();
          onDone?.();
        }
      }}
    />
  );
});
