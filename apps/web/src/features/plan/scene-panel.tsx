/** A scene's details beside the board: editable for members who plan, read-only for the rest. */
import type { Scene } from '@backlot/contracts';
import { useState } from 'react';
import { api } from '../../shared/api/client.ts';
import { formatWhen } from '../../shared/lib/format.ts';
import { useAction } from '../../shared/lib/use-action.ts';
import { Button, LinkButton } from '../../shared/ui/button.tsx';
import { Form, FormActions, FormError } from '../../shared/ui/form.tsx';
import { Tag } from '../../shared/ui/tag.tsx';
import { charactersOf, SceneFields, type SceneDraft } from './scene-fields.tsx';

const draftOf = (s: Scene): SceneDraft => ({ number: s.number, heading: s.heading, beat: s.beat, characters: s.characters.join(', '), excerpt: s.excerpt });

export interface ScenePanelProps {
  projectId: string;
  scene: Scene;
  editable: boolean;
  onSaved: (scene: Scene) => void;
  onClose: () => void;
}

export function ScenePanel({ projectId, scene, editable, onSaved, onClose }: ScenePanelProps) {
  const [draft, setDraft] = useState(() => draftOf(scene));
  const base = draftOf(scene);
  const changed = (Object.keys(base) as (keyof SceneDraft)[]).filter((k) => draft[k].trim() !== base[k].trim());
  const save = useAction(() =>
    api.updateScene({
      params: { projectId, sceneId: scene.id },
      body: {
        ...(changed.includes('number') ? { number: draft.number } : {}),
        ...(changed.includes('heading') ? { heading: draft.heading } : {}),
        ...(changed.includes('beat') ? { beat: draft.beat } : {}),
        ...(changed.includes('excerpt') ? { excerpt: draft.excerpt } : {}),
        ...(changed.includes('characters') ? { characters: charactersOf(draft.characters) } : {}),
      },
    }),
  );

  return (
    <aside className="scene-panel" aria-label={`Scene ${scene.number}`}>
      <div className="scene-panel-head">
        <h2 className="section-title">
          Scene <span className="mono">{scene.number}</span>
          {scene.omitted && <Tag tone="muted">omitted</Tag>}
        </h2>
        <Button small variant="ghost" onClick={onClose} aria-label="Close the scene panel" title="Close (Esc)">
          ✕
        </Button>
      </div>
      <div className="scene-panel-links">
        <LinkButton small to={`/projects/${projectId}/shots?scene=${scene.id}`}>
          Shots ({scene.shotCount})
        </LinkButton>
        <LinkButton small to={`/projects/${projectId}/scenes/${scene.id}/storyboard`}>
          Storyboard
        </LinkButton>
      </div>
      {editable ? (
        <Form
          label={`Edit scene ${scene.number}`}
          error={save.error}
          onSubmit={async () => {
            if (!changed.length) return;
            const saved = await save.run();
            if (saved) {
              onSaved(saved);
              setDraft(draftOf(saved));
            }
          }}
        >
          <SceneFields draft={draft} change={(p) => setDraft((d) => ({ ...d, ...p }))} error={save.error} withExcerpt />
          <FormError />
          <FormActions>
            <Button type="submit" variant="primary" pending={save.pending} disabled={!changed.length}>
              Save scene
            </Button>
            {changed.length > 0 && (
              <Button variant="ghost" onClick={() => setDraft(base)}>
                Discard
              </Button>
            )}
          </FormActions>
        </Form>
      ) : (
        <dl className="scene-facts">
          <dt>Heading</dt>
          <dd className="mono">{scene.heading}</dd>
          <dt>Beat</dt>
          <dd>{scene.beat || <span className="muted">—</span>}</dd>
          <dt>Characters</dt>
          <dd>{scene.characters.join(', ') || <span className="muted">—</span>}</dd>
          <dt>Script excerpt</dt>
          <dd>{scene.excerpt ? <pre className="excerpt">{scene.excerpt}</pre> : <span className="muted">—</span>}</dd>
        </dl>
      )}
      <div className="field-hint">Last changed {formatWhen(scene.updatedAt)}</div>
    </aside>
  );
}
