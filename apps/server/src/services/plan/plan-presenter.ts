/** The wire shapes of scenes and shots. */
import type { Scene, SceneRevisionMark, Shot } from '@backlot/contracts';
import { planCompleteness } from '../../domain/plan/plan.rules.ts';
import { shotReadiness } from '../../domain/plan/shot-readiness.rules.ts';
import type { SceneRecord, ShotView } from '../../ports/plan-store.ts';

/** A scene on the wire, with the revisions that touched it (see RevisionsService.marks). */
export function presentScene(s: SceneRecord & { shotCount?: number }, revisions: SceneRevisionMark[]): Scene {
  return {
    id: s.id,
    number: s.number,
    heading: s.heading,
    beat: s.beat,
    excerpt: s.excerpt,
    characters: s.characters,
    position: s.position,
    omitted: s.omittedAt !== null,
    shotCount: s.shotCount ?? 0,
    updatedAt: s.updatedAt,
    origin: s.origin ?? 'imported',
    revisions,
  };
}

/** A shot on the wire; `rights` comes from its references and its approved take (none: nothing at risk). */
export function presentShot(s: ShotView, rights: Shot['rights'] & { approvedTakeRisk: Shot['approvedTakeRisk'] } = { atRisk: false, reasons: [], notes: [], approvedTakeRisk: null }): Shot {
  const completeness = planCompleteness(s.plan);
  const { approvedTakeRisk, ...own } = rights;
  return {
    id: s.id,
    sceneId: s.sceneId,
    sceneNumber: s.sceneNumber,
    code: s.code,
    position: s.position,
    status: s.status,
    planVersion: s.planVersion,
    locked: s.lockedAt !== null,
    lockedBy: s.lockedBy,
    lockedAt: s.lockedAt,
    plan: s.plan,
    completeness,
    rights: own,
    approvedTakeRisk,
    readiness: shotReadiness({ completeness, rights: own, approvedTakeRisk }),
    updatedAt: s.updatedAt,
  };
}
