/**
 * The shot list: rows grouped under their scene, one row per shot with the plan at a glance.
 * The selected row is the one keys act on; rows drag within their scene to reorder.
 */
import type { Scene, Shot, ShotPoster } from '@backlot/contracts';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Tag } from '../../shared/ui/tag.tsx';
import { ReadinessLine } from './completeness-panel.tsx';
import { cameraName, statusName } from '../../shared/production/plan-words.ts';
import { useDragReorder, type DragTarget } from '../../shared/lib/reorder.ts';
import { ShotCodeCell } from './shot-code-cell.tsx';
import { posterAlt } from './shot-posters.ts';

/** A shot's picture in its row: the poster of its approved or best take, or an empty frame. */
function ShotPicture({ shot, poster }: { shot: Shot; poster?: ShotPoster }) {
  if (!poster) return <span className="shot-poster shot-poster-empty" title="No rendered take yet" />;
  const why = poster.why === 'approved' ? 'the approved take' : poster.why === 'best' ? 'the best take so far' : 'the newest take; none reviewed yet';
  return <img className="shot-poster" src={poster.poster} alt={posterAlt(shot.code, poster)} title={`${poster.takeCode}: ${why}`} loading="lazy" decoding="async" />;
}

const HEAD = ['Picture', 'Code', 'Status', 'Size', 'Movement', 'Job', 'Subject and action', 'Plan', 'Ready', 'Lock', 'Takes'];

export interface SceneGroup {
  scene: Scene;
  shots: Shot[];
}

export interface ShotTableProps {
  projectId: string;
  groups: SceneGroup[];
  editable: boolean;
  selected?: string;
  editingCode?: string;
  onSelect: (id: string) => void;
  onOpen: (id: string) => void;
  onEditCode: (id: string | undefined) => void;
  onRenamed: (shot: Shot) => void;
  onDrop: (sceneId: string, dragged: string, target: DragTarget) => void;
  /** The buttons beside a scene's heading (add shot, draft coverage, storyboard). */
  sceneActions: (scene: Scene) => ReactNode;
  /** Each shot's picture: its approved or best take's poster. */
  posters: Map<string, ShotPoster>;
}

export function ShotTable({ projectId, groups, editable, selected, editingCode, onSelect, onOpen, onEditCode, onRenamed, onDrop, sceneActions, posters }: ShotTableProps) {
  const sceneOf = new Map(groups.flatMap((g) => g.shots.map((s) => [s.id, g.scene.id] as const)));
  const drag = useDragReorder((dragged, target) => onDrop(sceneOf.get(dragged)!, dragged, target));

  return (
    <div className="table-wrap">
      <table className="table shot-table" aria-label="Shot list">
        <thead>
          <tr>
            {HEAD.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        {groups.map(({ scene, shots }) => (
          <tbody key={scene.id} aria-label={`Scene ${scene.number}`} className={scene.omitted ? 'scene-group scene-group-omitted' : 'scene-group'}>
            <tr className="group-row">
              <th colSpan={HEAD.length} scope="rowgroup">
                <div className="group-head">
                  <span className="group-title">
                    <span className="mono group-number">{scene.number}</span>
                    <span className="group-heading">{scene.heading}</span>
                    {scene.omitted && <Tag tone="muted">omitted</Tag>}
                    <span className="muted group-count">
                      {shots.length} {shots.length === 1 ? 'shot' : 'shots'}
                    </span>
                  </span>
                  <span className="group-actions">{sceneActions(scene)}</span>
                </div>
              </th>
            </tr>
            {shots.length === 0 && groups.length === 1 && (
              <tr className="group-empty">
                <td colSpan={HEAD.length} className="muted">
                  No shots in this scene yet{editable ? ': add one, or draft the coverage from the scene.' : '.'}
                </td>
              </tr>
            )}
            {shots.map((shot) => (
              <tr
                key={shot.id}
                data-shot-id={shot.id}
                tabIndex={shot.id === selected ? 0 : -1}
                aria-selected={shot.id === selected}
                className={['shot-row', shot.id === selected ? 'row-selected' : '', shot.status === 'omitted' ? 'row-closed' : '', drag.dropClass(shot.id)].filter(Boolean).join(' ')}
                onClick={() => onSelect(shot.id)}
                onDoubleClick={() => onOpen(shot.id)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' && e.target === e.currentTarget) onOpen(shot.id);
                }}
                onFocus={() => onSelect(shot.id)}
                {...drag.handlers(shot.id, scene.id, editable && editingCode !== shot.id)}
              >
                <td className="shot-poster-cell">
                  <ShotPicture shot={shot} poster={posters.get(shot.id)} />
                </td>
                <td className="nowrap">
                  <ShotCodeCell
                    projectId={projectId}
                    shot={shot}
                    editable={editable}
                    editing={editingCode === shot.id}
                    setEditing={(on) => onEditCode(on ? shot.id : undefined)}
                    onRenamed={onRenamed}
                  />
                  {(shot.rights.atRisk || shot.approvedTakeRisk) && (
                    <Tag tone="danger" title={`At risk: ${shot.readiness.reasons.join('; ')}`}>
                      ⚠ at risk
                    </Tag>
                  )}
                </td>
                <td className="nowrap">{statusName(shot.status)}</td>
                <td className="mono nowrap" title={cameraName('size', shot.plan.camera.size)}>
                  {shot.plan.camera.size ?? <span className="muted">—</span>}
                </td>
                <td className="nowrap">{shot.plan.camera.movement ? cameraName('movement', shot.plan.camera.movement) : <span className="muted">—</span>}</td>
                <td className="cell-clip" title={shot.plan.job}>
                  {shot.plan.job || <span className="muted">—</span>}
                </td>
                <td className="cell-clip cell-clip-wide" title={shot.plan.subjectAction}>
                  {shot.plan.subjectAction || <span className="muted">—</span>}
                </td>
                <td className="mono nowrap">
                  <Link to={`/projects/${projectId}/shots/${shot.id}?tab=history`} tabIndex={-1} onClick={(e) => e.stopPropagation()} title="History of the plan">
                    v{shot.planVersion}
                  </Link>
                </td>
                <td className="cell-missing">
                  <ReadinessLine shot={shot} />
                </td>
                <td className="nowrap">
                  {shot.locked ? (
                    <Tag tone="warn" title={shot.lockedBy ? `Locked by ${shot.lockedBy}` : undefined}>
                      locked
                    </Tag>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
                <td className="nowrap">
                  <Link to={`/projects/${projectId}/shots/${shot.id}/takes`} tabIndex={-1} onClick={(e) => e.stopPropagation()} aria-label={`Takes of ${shot.code}`}>
                    Takes
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        ))}
      </table>
    </div>
  );
}
