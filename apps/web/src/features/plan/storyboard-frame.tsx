/**
 * One storyboard frame: the panel (code, size, movement, the subject in a line) and its job and
 * camera beneath. Once a take of the shot is selected (or approved), its frame takes the sketch's place.
 */
import type { Shot, ShotPoster } from '@backlot/contracts';
import { Link } from 'react-router-dom';
import { aspectParts, durationLabel } from '../../shared/lib/format.ts';
import { cameraLine, cameraName } from '../../shared/production/plan-words.ts';
import { FrameSketch } from './frame-sketch.tsx';

export function StoryboardFrame({ projectId, shot, index, projectAspect, rate, poster }: { projectId: string; shot: Shot; index: number; projectAspect: string; rate: string; poster?: ShotPoster }) {
  const { plan } = shot;
  const picked = poster && (poster.review === 'selected' || poster.review === 'approved') ? poster : undefined;
  const aspect = aspectParts(plan.aspect ?? projectAspect);
  return (
    <li className={shot.status === 'omitted' ? 'story-frame story-frame-omitted' : 'story-frame'} aria-label={`Frame ${index + 1}: ${shot.code}`}>
      <Link to={`/projects/${projectId}/shots/${shot.id}`} className="story-box" style={{ aspectRatio: `${aspect.w} / ${aspect.h}` }} title={`Open the plan of ${shot.code}`}>
        {picked ? (
          <img className="story-picture" src={picked.poster} alt={`${shot.code}: ${picked.takeCode}, ${picked.review}`} loading="lazy" decoding="async" />
        ) : (
          <FrameSketch camera={plan.camera} aspect={aspect} />
        )}
        <span className="story-corner story-code mono">{shot.code}</span>
        <span className="story-corner story-size mono" title={cameraName('size', plan.camera.size)}>
          {plan.camera.size ?? 'size?'}
        </span>
        <span className="story-corner story-move">{plan.camera.movement ? cameraName('movement', plan.camera.movement) : 'movement?'}</span>
        <span className="story-subject">{plan.subjectAction || 'subject and action not written yet'}</span>
      </Link>
      <div className="story-caption">
        <div className="story-line">
          <span className="story-index mono">{index + 1}</span>
          <span className="story-job">{plan.job || <span className="faint">No shot job yet</span>}</span>
        </div>
        <div className="story-camera">{cameraLine(plan.camera)}</div>
        <div className="story-meta mono">
          {[plan.targetFrames ? durationLabel(plan.targetFrames, rate) : null, plan.aspect ?? projectAspect, `v${shot.planVersion}`, shot.locked ? 'locked' : null].filter(Boolean).join(' · ')}
        </div>
      </div>
    </li>
  );
}
