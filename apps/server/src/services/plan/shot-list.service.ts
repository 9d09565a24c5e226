/** A project's shot list in and out as CSV or JSON: a round trip loses nothing; bad rows are reported and the good ones saved. */
import type { ShotPlan } from '@backlot/contracts';
import { projectChain } from '../../domain/audit/audit-chain.ts';
import { DomainError, fail } from '../../domain/errors.ts';
import { diffPlans } from '../../domain/plan/plan.rules.ts';
import { parseShotList, shotListToCsv, shotListToJson, type ShotListError } from '../../domain/plan/shot-list.format.ts';
import { formatRate, parseRate } from '../../domain/project/project.rules.ts';
import type { Clock } from '../../ports/clock.ts';
import type { Secrets } from '../../ports/crypto.ts';
import type { Ids } from '../../ports/ids.ts';
import type { Store } from '../../ports/store.ts';
import { appendAudit, type Actor } from '../audit/audit-append.ts';
import type { ShotsService } from './shots.service.ts';

/** Frames at one rate as frames at another, to the nearest frame. */
function convertFrames(frames: number | null, from: string | undefined, to: { num: number; den: number }): number | null {
  if (frames === null || !from) return frames;
  const source = parseRate(from);
  if (source.num * to.den === to.num * source.den) return frames;
  return Math.max(1, Math.round((frames * source.den * to.num) / (source.num * to.den)));
}

export interface ShotListDeps {
  store: Store;
  clock: Clock;
  ids: Ids;
  secrets: Secrets;
  shots: Pick<ShotsService, 'insertShot' | 'savePlanIn' | 'setLockedIn'>;
}

export function createShotListService(deps: ShotListDeps) {
  return {
    async export(projectId: string, format: 'csv' | 'json', sceneId?: string) {
      const project = (await deps.store.read.projects.findById(projectId)) ?? fail('project.not_found', 'No such project.');
      let sceneNumber: string | undefined;
      if (sceneId) sceneNumber = ((await deps.store.read.scenes.findById(projectId, sceneId)) ?? fail('scene.not_found', 'No such scene in this project.')).number;
      const shots = await deps.store.read.shots.list(projectId, sceneId);
      const rows = shots.map((s) => ({ sceneNumber: s.sceneNumber, code: s.code, position: s.position, status: s.status, plan: s.plan }));
      const content = format === 'csv' ? shotListToCsv(rows) : shotListToJson(rows, { projectCode: project.code, frameRate: formatRate({ num: project.fpsNum, den: project.fpsDen }) });
      return { format, fileName: `${project.code}_shot-list${sceneNumber ? `_SC${sceneNumber}` : ''}.${format}`, content };
    },

    /** Creates shots that are new, saves a plan version where a plan changed, keeps the file's order within each scene. */
    async import(actor: Actor, projectId: string, format: 'csv' | 'json', content: string) {
      const parsed = parseShotList(format, content);
      // Counted inside the transaction, which may run again from the start.
      const outcome = await deps.store.transaction(async (tx) => {
        const errors: ShotListError[] = [...parsed.errors];
        let created = 0;
        let updated = 0;
        let unchanged = 0;
        await tx.projects.lock(projectId);
        const scenes = new Map((await tx.scenes.list(projectId)).map((s) => [s.number, s]));
        const existing = new Map((await tx.shots.list(projectId)).map((s) => [s.code, s]));
        const order = new Map<string, { id: string; position: number }[]>();
        const project = (await tx.projects.findById(projectId)) ?? fail('project.not_found', 'No such project.');
        const rate = { num: project.fpsNum, den: project.fpsDen };
        for (const [i, parsedRow] of parsed.rows.entries()) {
          // Target durations count frames at the rate the file was exported with; bring them to this project's grid.
          const row = { ...parsedRow, plan: { ...parsedRow.plan, targetFrames: convertFrames(parsedRow.plan.targetFrames, parsed.source?.frameRate, rate) } };
          const rowNumber = parsed.rowNumbers[i];
          const scene = scenes.get(row.sceneNumber);
          if (!scene) {
            errors.push({ row: rowNumber, field: 'scene', message: `Scene ${row.sceneNumber} is not in this project; import the screenplay or add the scene first.` });
            continue;
          }
          try {
            const shot = existing.get(row.code);
            let id: string;
            if (!shot) {
              const made = await deps.shots.insertShot(tx, actor, projectId, scene.id, { code: row.code, plan: row.plan as ShotPlan, note: 'imported from a shot list' });
              // A lock comes back as a lock (audited); an approval never comes from a file — it comes from a take.
              if (row.status === 'locked') await deps.shots.setLockedIn(tx, actor, projectId, made.id, true);
              else if (row.status === 'in_progress' || row.status === 'omitted') await tx.shots.update(made.id, { status: row.status });
              else if (row.status === 'approved')
                errors.push({ row: rowNumber, field: 'status', message: `${row.code} was created as planned: approval comes from an approved take, not from a file.` });
              id = made.id;
              created += 1;
            } else {
              if (shot.sceneId !== scene.id) {
                errors.push({ row: rowNumber, field: 'scene', message: `${row.code} belongs to scene ${shot.sceneNumber}, not ${row.sceneNumber}; move it in Backlot, or give the row another code.` });
                continue;
              }
              if (diffPlans(shot.plan, row.plan as ShotPlan).length === 0) unchanged += 1;
              else {
                await deps.shots.savePlanIn(tx, actor, projectId, shot.id, { plan: row.plan as ShotPlan, baseVersion: shot.planVersion, note: 'imported from a shot list' });
                updated += 1;
              }
              id = shot.id;
            }
            order.set(scene.id, [...(order.get(scene.id) ?? []), { id, position: row.position }]);
          } catch (err) {
            if (!(err instanceof DomainError)) throw err;
            errors.push({ row: rowNumber, field: err.field ?? null, message: err.message });
          }
        }
        // Within each scene the file's shots take the file's order, in the places they already hold;
        // every other shot (a refused row's, one not in the file) keeps its place.
        for (const [sceneId, listed] of order) {
          const inFile = new Set(listed.map((l) => l.id));
          const current = (await tx.shots.list(projectId, sceneId)).map((s) => s.id);
          const sorted = [...listed].sort((a, b) => a.position - b.position).map((l) => l.id);
          let next = 0;
          await tx.shots.setPositions(
            sceneId,
            current.map((id) => (inFile.has(id) ? sorted[next++] : id)),
          );
        }
        await appendAudit(tx, deps, {
          chain: projectChain(projectId),
          actor,
          action: 'shotlist.imported',
          targetType: 'project',
          targetId: projectId,
          summary: `${actor.name} imported a ${format.toUpperCase()} shot list: ${created} shots created, ${updated} updated, ${unchanged} unchanged, ${errors.length} rows refused`,
        });
        return { created, updated, unchanged, errors };
      });
      outcome.errors.sort((a, b) => a.row - b.row);
      return outcome;
    },
  };
}

export type ShotListService = ReturnType<typeof createShotListService>;
