/**
 * Keyboard shortcuts: each page declares its keys with a line of help; `?` lists those of the
 * current page. Keys are ignored while typing in a field or while a dialog is open.
 */
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { Button } from '../ui/button.tsx';
import { Dialog } from '../ui/dialog.tsx';

export interface Shortcut {
  /** Values of KeyboardEvent.key, e.g. ['j', 'ArrowDown']. */
  keys: string[];
  /** How the keys read in the help, e.g. "j / ↓". */
  label: string;
  help: string;
  run: (event: KeyboardEvent) => void;
}

interface Registry {
  add: (id: number, list: Pick<Shortcut, 'label' | 'help'>[]) => void;
  remove: (id: number) => void;
}
const RegistryContext = createContext<Registry | null>(null);

const ALWAYS: Pick<Shortcut, 'label' | 'help'>[] = [
  { label: '?', help: 'Show the shortcuts of this page' },
  { label: 'Tab / Shift+Tab', help: 'Move between controls' },
  { label: 'Enter', help: 'Submit a form, open the focused link' },
  { label: 'Esc', help: 'Close a dialog' },
];

/** Inputs that take no typed text: a key pressed while one has the focus (after a click on it) is the page's. */
const KEYLESS_INPUTS = ['checkbox', 'radio', 'range', 'button', 'submit', 'reset', 'color', 'file', 'image'];

/** Keys a checkbox, radio button or slider answers to itself. */
const CONTROL_KEYS = [' ', 'Enter', 'ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageUp', 'PageDown'];

/**
 * Whether a key press belongs to a field or a dialog rather than to the page. Only fields that take
 * text keep every key: a box ticked or a slider dragged with the mouse keeps the focus, and the
 * page's keys (R/M/S/A among them) must still work after it.
 */
function typingOrInDialog(event: KeyboardEvent): boolean {
  if (event.ctrlKey || event.metaKey || event.altKey) return true;
  if (document.querySelector('dialog[open]')) return true;
  const target = event.target as HTMLElement | null;
  if (!target) return false;
  if (target.isContentEditable || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT') return true;
  if (target.tagName !== 'INPUT') return false;
  // Space, Enter and the arrows still work the box or slider itself.
  return !KEYLESS_INPUTS.includes((target as HTMLInputElement).type) || CONTROL_KEYS.includes(event.key);
}

let nextId = 1;

/** Declares the shortcuts of a page while it is shown. */
export function useShortcuts(list: Shortcut[]) {
  const registry = useContext(RegistryContext);
  const current = useRef(list);
  current.current = list;
  const helpKey = list.map((s) => `${s.label}:${s.help}`).join('|');

  // biome-ignore lint/correctness/useExhaustiveDependencies: shortcuts are read through a ref; the help list is registered again only when its text changes
  useEffect(() => {
    const id = nextId++;
    registry?.add(
      id,
      current.current.map(({ label, help }) => ({ label, help })),
    );
    const onKey = (event: KeyboardEvent) => {
      if (typingOrInDialog(event)) return;
      const shortcut = current.current.find((s) => s.keys.includes(event.key));
      if (!shortcut) return;
      event.preventDefault();
      shortcut.run(event);
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      registry?.remove(id);
    };
  }, [registry, helpKey]);
}

export function ShortcutsProvider({ children }: { children: ReactNode }) {
  const [pages, setPages] = useState<Map<number, Pick<Shortcut, 'label' | 'help'>[]>>(new Map());
  const [open, setOpen] = useState(false);
  const registry = useRef<Registry>({
    add: (id, list) => setPages((m) => new Map(m).set(id, list)),
    remove: (id) =>
      setPages((m) => {
        const next = new Map(m);
        next.delete(id);
        return next;
      }),
  }).current;

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === '?' && !typingOrInDialog(event)) {
        event.preventDefault();
        setOpen(true);
      }
    };
    const onAsk = () => setOpen(true);
    document.addEventListener('keydown', onKey);
    window.addEventListener(SHOW_SHORTCUTS, onAsk);
    return () => {
      document.removeEventListener('keydown', onKey);
      window.removeEventListener(SHOW_SHORTCUTS, onAsk);
    };
  }, []);

  const pageKeys = [...pages.values()].flat();
  return (
    <RegistryContext.Provider value={registry}>
      {children}
      {open && (
        <Dialog title="Keyboard shortcuts" onClose={() => setOpen(false)} footer={<Button onClick={() => setOpen(false)}>Close</Button>}>
          <dl className="shortcuts">
            {[...pageKeys, ...ALWAYS].map((s) => (
              <div key={`${s.label}-${s.help}`} className="shortcut">
                <dt>
                  <kbd>{s.label}</kbd>
                </dt>
                <dd>{s.help}</dd>
              </div>
            ))}
          </dl>
        </Dialog>
      )}
    </RegistryContext.Provider>
  );
}

/** Fired by the "?" button in the top bar, for those who reach for the mouse. */
export const SHOW_SHORTCUTS = 'backlot:show-shortcuts';
