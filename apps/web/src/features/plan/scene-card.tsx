/** One scene on the board: number, heading, beat, characters and shot count; omitted scenes are struck through. */
import type { Scene, ShotPoster } from '@backlot/contracts';
import type { HTMLAttributes, MouseEvent } from 'react';
import { Link } from 'react-router-dom';
import { Button } from '../../shared/ui/button.tsx';
import { Tag } from '../../shared/ui/tag.tsx';
import { SceneRevisions } from './scene-revisions.tsx';

export interface SceneCardProps {
  projectId: string;
  scene: Scene;
  editable: boolean;
  selected: boolean;
  dropClass: string;
  dragHandlers: HTMLAttributes<HTMLLIElement>;
  onOpen: () => void;
  onDraft: () => void;
  onOmit: () => void;
  onKeyDown: (e: React.KeyboardEvent<HTMLLIElement>) => void;
  /** The picture of the scene's first shot that has one (its approved or best take's poster). */
  poster?: ShotPoster;
}

/** A click on one of the card's own links or buttons does its own thing, without also opening the scene. */
function ownClick(run?: () => void) {
  return (e: MouseEvent) => {
    e.stopPropagation();
    run?.();
  };
}

export function SceneCard({ projectId, scene, editable, selected, dropClass, dragHandlers, onOpen, onDraft, onOmit, onKeyDown, poster }: SceneCardProps) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveElementInteractions: the card is a focusable item of the board's list (Enter opens it, Alt+↑/↓ moves it, drag reorders); it stays a listitem so the board reads as a list of scenes in order
    <li
      className={['scene-card', scene.omitted ? 'scene-omitted' : '', selected ? 'scene-selected' : '', dropClass].filter(Boolean).join(' ')}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: the board's keys work on the focused card (see above)
      tabIndex={0}
      data-scene-id={scene.id}
      aria-label={`Scene ${scene.number}: ${scene.heading}${scene.omitted ? ' (omitted)' : ''}`}
      aria-current={selected || undefined}
      onClick={onOpen}
      onKeyDown={onKeyDown}
      {...dragHandlers}
    >
      {poster && (
        <div className="scene-poster">
          <img src={poster.poster} alt={`Scene ${scene.number}: ${poster.takeCode}, ${poster.review}`} loading="lazy" decoding="async" />
        </div>
      )}
      <div className="scene-card-head">
        <span className="scene-number mono">{scene.number}</span>
        <span className="scene-heading mono">{scene.heading}</span>
        {scene.omitted && <Tag tone="muted">omitted</Tag>}
        {scene.origin === 'manual' && (
          <Tag tone="muted" title="Added by hand: a re-import never omits it">
            by hand
          </Tag>
        )}
      </div>
      {scene.beat ? (
        <p className="scene-beat">{scene.beat}</p>
      ) : (
        <p className="scene-beat scene-beat-script" title="No beat yet: the opening of the script">
          {scene.excerpt.split('\n').find((l) => l.trim()) ?? 'No beat written yet.'}
        </p>
      )}
      <div className="scene-meta">
        <span className="scene-characters" title="Characters in the scene">
          {scene.characters.length ? scene.characters.join(' · ') : <span className="faint">no characters</span>}
        </span>
        <Link className="scene-shots" to={`/projects/${projectId}/shots?scene=${scene.id}`} tabIndex={-1} onClick={ownClick()}>
          {scene.shotCount} {scene.shotCount === 1 ? 'shot' : 'shots'}
        </Link>
      </div>
      <SceneRevisions marks={scene.revisions} />
      <div className="scene-card-actions">
        <Link className="btn btn-ghost btn-small" to={`/projects/${projectId}/scenes/${scene.id}/storyboard`} tabIndex={-1} onClick={ownClick()}>
          Storyboard
        </Link>
        {editable && !scene.omitted && (
          <Button small variant="ghost" tabIndex={-1} onClick={ownClick(onDraft)} aria-label={`Draft coverage for scene ${scene.number}`}>
            Draft coverage
          </Button>
        )}
        {editable && (
          <Button small variant="ghost" tabIndex={-1} onClick={ownClick(onOmit)} aria-label={`${scene.omitted ? 'Restore' : 'Omit'} scene ${scene.number}`}>
            {scene.omitted ? 'Restore' : 'Omit'}
          </Button>
        )}
      </div>
    </li>
  );
}
