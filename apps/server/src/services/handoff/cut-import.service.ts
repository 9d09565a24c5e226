/**
 * An editor's cut, back in: read with the format layer's `readCut`, compared with `compareCut`
 * against the project's current handoff (approved takes of the scenes the cut holds), shown as a
 * report; applying it — after the user confirmed that same report, named by its hash — updates
 * shot order and in/out marks in one transaction under the project's lock, audited.
 */
import type { CutReport, Role } from '@backlot/contracts';
import { projectChain } from '../../domain/audit/audit-chain.ts';
import { fail } from '../../domain/errors.ts';
import { marksOf, reorderedShots } from '../../domain/handoff/cut-apply.rules.ts';
import { compareCut, readCut, type CutChangeReport } from '../../domain/handoff/index.ts';
import { assertMarks } from '../../domain/review/review.rules.ts';
import type { BlobStore } from '../../ports/blob-store.ts';
import type { Clock } from '../../ports/clock.ts';
import type { Secrets } from '../../ports/crypto.ts';
import type { Ids } from '../../ports/ids.ts';
import type { Repos, Store } from '../../ports/store.ts';
import { appendAudit, type Actor } from '../audit/audit-append.ts';
import { announceTake } from '../generate/take-ledger.ts';
import { buildHandoff } from './handoff-build.ts';

export interface CutImportDeps {
  store: Store;
  clock: Clock;
  ids: Ids;
  secrets: Secrets;
  blobs: BlobStore;
}

export interface CutFile {
  fileName: string;
  content: string;
}

/** Rights play no part in comparing a cut. */
const noRights = async () => new Map<string, { atRisk: boolean; reasons: string[] }>();

/** A report's content in a stable order, for its hash. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

export function createCutImportService(deps: CutImportDeps) {
  /** The report of a cut against the project as `repos` sees it now. */
  async function reportOf(repos: Repos, projectId: string, role: Role, file: CutFile): Promise<CutReport> {
    const project = (await repos.projects.findById(projectId)) ?? fail('project.not_found', 'No such project.');
    const cut = readCut(file.fileName, file.content, { rate: { num: project.fpsNum, den: project.fpsDen } });
    const build = (sceneIds?: string[]) =>
      buildHandoff({ read: repos, blobs: deps.blobs, takeRights: noRights }, projectId, role, { scope: sceneIds ? { kind: 'scenes', sceneIds } : { kind: 'project' }, takes: 'approved', handles: 0 });
    // Compared first with the whole project to learn which scenes the cut holds, then with those scenes alone.
    const whole = await build();
    const first = compareCut(whole.timeline, cut);
    const omitted = new Set(first.omitted.map((o) => o.shotId));
    const sceneIdByNumber = new Map(whole.scenes.map((s) => [s.number, s.id]));
    const held = [...new Set(whole.clips.filter((c) => !omitted.has(c.clip.shotId)).map((c) => sceneIdByNumber.get(c.sceneNumber)!))];
    const scoped = held.length && held.length < whole.scenes.length ? await build(held) : whole;
    const report: CutChangeReport = scoped === whole ? first : compareCut(scoped.timeline, cut);

    const shots = await repos.shots.list(projectId);
    const codeOf = new Map(shots.map((s) => [s.id, s.code]));
    const reorders: CutReport['reorders'] = [];
    if (report.orderChanged) {
      for (const scene of scoped.scenes) {
        const current = shots.filter((s) => s.sceneId === scene.id).map((s) => s.id);
        const after = reorderedShots(current, report.newOrder);
        if (after.some((id, i) => id !== current[i]))
          reorders.push({ sceneId: scene.id, sceneNumber: scene.number, before: current.map((id) => codeOf.get(id)!), after: after.map((id) => codeOf.get(id)!) });
      }
    }
    const trims = report.trims.map((t) => ({ shotId: t.shotId, takeId: t.takeId, clipName: t.clipName, before: t.before, after: t.after, marks: marksOf(t.after) }));
    const lines = [
      ...reorders.map((r) => `Scene ${r.sceneNumber}: shots reordered ${r.before.join(', ')} → ${r.after.join(', ')}`),
      ...trims.map((t) => `${t.clipName}: trimmed from frames ${t.before.sourceIn}–${t.before.sourceOut - 1} to ${t.marks.in}–${t.marks.out} (in/out marks)`),
      ...report.omitted.map((o) => `${o.clipName}: left out of the cut (not applied)`),
      ...report.swaps.map((s) => `${s.clipName}: the cut uses ${s.toTakeCode} instead of ${s.fromTakeCode} (not applied)`),
      ...report.unmatched.map((u) => `${u.name}: matches no shot handed over (not applied)`),
      ...report.notApplied.map((n) => `${n.description} (not applied)`),
    ];
    const body: Omit<CutReport, 'reportHash'> = {
      format: cut.format,
      name: cut.name,
      orderChanged: reorders.length > 0,
      reorders,
      trims,
      omitted: report.omitted,
      swaps: report.swaps.map((s) => ({ shotId: s.shotId, clipName: s.clipName, fromTakeCode: s.fromTakeCode, toTakeCode: s.toTakeCode })),
      unmatched: report.unmatched,
      notApplied: report.notApplied,
      lines,
      changes: reorders.length > 0 || trims.length > 0,
    };
    return { ...body, reportHash: deps.secrets.sha256(canonical(body)) };
  }

  return {
    /** What the cut changes, shown before anything is applied. */
    preview: (projectId: string, role: Role, file: CutFile): Promise<CutReport> => reportOf(deps.store.read, projectId, role, file),

    /**
     * Applies the report the user confirmed: each scene's new shot order and each trimmed take's
     * marks, in one transaction under the project's lock, audited. When the report is not the one
     * confirmed any more (the project changed meanwhile), nothing is applied: `cut.changed`.
     */
    async apply(actor: Actor, role: Role, projectId: string, file: CutFile & { reportHash: string }): Promise<CutReport & { applied: boolean }> {
      return deps.store.transaction(async (tx) => {
        await tx.projects.lock(projectId);
        const report = await reportOf(tx, projectId, role, file);
        if (report.reportHash !== file.reportHash)
          fail('cut.changed', "The project changed since this cut's report was shown (shot order or marks); nothing was applied. Read the cut again and confirm its new report.", 'reportHash');
        if (!report.changes) return { ...report, applied: false };
        const at = deps.clock.now().toISOString();
        for (const r of report.reorders) {
          const shots = await tx.shots.list(projectId, r.sceneId);
          const byCode = new Map(shots.map((s) => [s.code, s.id]));
          await tx.shots.setPositions(
            r.sceneId,
            r.after.map((code) => byCode.get(code)!),
          );
        }
        for (const t of report.trims) {
          const take = (await tx.takes.findById(projectId, t.takeId)) ?? fail('take.not_found', 'No such take in this project.');
          assertMarks(t.marks, take.media?.proxyFrames ?? 0, t.clipName);
          await tx.takes.update(take.id, { inFrame: t.marks.in, outFrame: t.marks.out, updatedAt: at });
          await announceTake(tx, take, at);
        }
        await appendAudit(tx, deps, {
          chain: projectChain(projectId),
          actor,
          action: 'cut.applied',
          targetType: 'project',
          targetId: projectId,
          summary: `${actor.name} applied the editor's cut ${report.name} (${file.fileName}): ${[...report.reorders.map((r) => `scene ${r.sceneNumber} reordered`), ...report.trims.map((t) => `${t.clipName} marked ${t.marks.in}–${t.marks.out}`)].join('; ')}`,
          data: {
            fileName: file.fileName,
            reportHash: report.reportHash,
            reorders: report.reorders,
            trims: report.trims.map((t) => ({ takeId: t.takeId, clipName: t.clipName, before: t.before, marks: t.marks })),
          },
        });
        return { ...report, applied: true };
      });
    },
  };
}

export type CutImportService = ReturnType<typeof createCutImportService>;
