/** The scene cards of the board in order: Enter opens one, alt+arrows (or a drag) move it; and what the board says when there are no scenes yet. */
import type { Scene, ShotPoster } from '@backlot/contracts';
import type { ReactNode } from 'react';
import { dropOrder, stepOrder, useDragReorder } from '../../shared/lib/reorder.ts';
import { EmptyState } from '../../shared/ui/empty-state.tsx';
import { SceneCard } from './scene-card.tsx';

export interface SceneBoardListProps {
  projectId: string;
  scenes: Scene[];
  openId: string | undefined;
  editable: boolean;
  reorderable: boolean;
  posters: Map<string, ShotPoster>;
  onOpen: (scene: Scene) => void;
  onDraft: (scene: Scene) => void;
  onOmit: (scene: Scene) => void;
  /** A new order of the scene ids, and the scene moved (which keeps the focus). */
  onReorder: (ids: string[], moved?: string) => void;
}

const ARROWS = ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight'];

export function SceneBoardList({ projectId, scenes, openId, editable, reorderable, posters, onOpen, onDraft, onOmit, onReorder }: SceneBoardListProps) {
  const ids = scenes.map((s) => s.id);
  const drag = useDragReorder((dragged, target) => {
    const order = dropOrder(ids, dragged, target.id, target.after);
    if (order) onReorder(order);
  });
  return (
    <ol className="scene-board" aria-label="Scene board">
      {scenes.map((scene) => (
        <SceneCard
          key={scene.id}
          projectId={projectId}
          scene={scene}
          editable={editable}
          selected={scene.id === openId}
          poster={posters.get(scene.id)}
          dropClass={drag.dropClass(scene.id)}
          dragHandlers={drag.handlers(scene.id, 'scenes', reorderable)}
          onOpen={() => onOpen(scene)}
          onDraft={() => onDraft(scene)}
          onOmit={() => onOmit(scene)}
          onKeyDown={(e) => {
            if (e.target !== e.currentTarget) return;
            if (e.key === 'Enter') {
              e.preventDefault();
              onOpen(scene);
            } else if (e.altKey && reorderable && ARROWS.includes(e.key)) {
              e.preventDefault();
              const order = stepOrder(ids, scene.id, e.key === 'ArrowUp' || e.key === 'ArrowLeft' ? -1 : 1);
              if (order) onReorder(order, scene.id);
            }
          }}
        />
      ))}
    </ol>
  );
}

/** An empty board: for members who plan, the import and add buttons; for the others, who will fill it. */
export function NoScenes({ editable, buttons }: { editable: boolean; buttons: ReactNode }) {
  if (!editable) return <EmptyState title="No scenes yet">Scenes appear here once a director or producer imports the screenplay or adds them.</EmptyState>;
  return (
    <EmptyState title="Import a screenplay or add a scene" action={<div className="empty-buttons">{buttons}</div>}>
      A Fountain screenplay becomes numbered scenes with their headings, characters and script; re-importing a new draft says what changed. Or type the scenes in.
    </EmptyState>
  );
}
