/**
 * A dailies session's own keys: X flips A/B between the take on screen and the one before it, C
 * cycles one take, side by side and wipe, V steps through the take's versions (the finished takes
 * of its shot), B goes back to the presenter after a private look, P hides or shows the panels.
 * Answers the versions, which the stage lists.
 */
import type { DailiesItem, Take } from '@backlot/contracts';
import { api } from '../../shared/api/client.ts';
import { keys } from '../../shared/api/keys.ts';
import { useLoad } from '../../shared/lib/use-load.ts';
import { useShortcuts } from '../../shared/shortcuts/shortcuts.tsx';
import { nextLayout, stepItem, type SessionView } from './session-view.ts';

export function useSessionKeys(options: {
  projectId: string;
  items: DailiesItem[];
  view: SessionView;
  /** The playlist's item on screen, and the take shown for it. */
  item: DailiesItem | undefined;
  shown: Take | undefined;
  previousItem: string | null;
  change: (next: Partial<SessionView>) => void;
  snapBack: () => void;
  togglePanels: () => void;
}): Take[] {
  const { projectId, items, view, item, shown, previousItem, change } = options;
  const shotId = item?.take.shotId;
  const siblings = useLoad(keys.takes.shot(projectId, shotId ?? ''), () => api.listTakes({ params: { projectId, shotId: shotId! } }), { enabled: !!shotId });
  const versions = (siblings.data?.takes ?? []).filter((t) => t.status === 'succeeded' && t.media);
  const nextVersion = () => {
    if (!item || versions.length < 2) return;
    const at = versions.findIndex((t) => t.id === (shown?.id ?? item.take.id));
    const next = versions[(at + 1) % versions.length];
    change({ versionTakeId: next.id === item.take.id ? null : next.id });
  };
  const flip = () => previousItem && items.some((i) => i.id === previousItem) && change({ itemId: previousItem });
  const cycleLayout = () => {
    const layout = nextLayout(view.layout);
    const other = view.compareItemId ?? (previousItem !== view.itemId ? previousItem : null) ?? stepItem(items, view.itemId, 1) ?? stepItem(items, view.itemId, -1);
    change(layout === 'single' || !other ? { layout: 'single' } : { layout, compareItemId: other });
  };
  useShortcuts([
    { keys: ['x', 'X'], label: 'X', help: 'Flip between this take and the one before it (A/B)', run: flip },
    { keys: ['c', 'C'], label: 'C', help: 'One take, side by side, wipe', run: cycleLayout },
    { keys: ['v', 'V'], label: 'V', help: 'Next version of the take (another take of its shot)', run: nextVersion },
    { keys: ['b', 'B'], label: 'B', help: 'Back to the presenter after a private look', run: options.snapBack },
    { keys: ['p'], label: 'P', help: 'Hide or show the panels', run: options.togglePanels },
  ]);
  return versions;
}
