/** Projects: create, list, edit settings, close and reopen. */
import { GenerationProjectSettings, REVIEW_DECISIONS, ReviewProjectSettings, type Role } from '@backlot/contracts';
import { projectChain } from '../../domain/audit/audit-chain.ts';
import { fail } from '../../domain/errors.ts';
import { assertTimecodeMode, formatAmount, formatRate, parseAmount, parseRate } from '../../domain/project/project.rules.ts';
import type { Clock } from '../../ports/clock.ts';
import type { Secrets } from '../../ports/crypto.ts';
import type { Ids } from '../../ports/ids.ts';
import type { ClosedFilter, ProjectRecord, Store } from '../../ports/store.ts';
import { appendAudit, type Actor } from '../audit/audit-append.ts';

export interface ProjectsDeps {
  store: Store;
  clock: Clock;
  ids: Ids;
  secrets: Secrets;
}

export interface NewProject {
  name: string;
  code: string;
  frameRate: string;
  timecodeMode: 'ndf' | 'df';
  resolution: { width: number; height: number };
  currency: string;
  budget: string;
}

export type ProjectPatch = Partial<Omit<NewProject, 'code'>> & { generation?: Partial<GenerationProjectSettings>; review?: Partial<ReviewProjectSettings> };

export function createProjectsService(deps: ProjectsDeps) {
  async function getOrThrow(id: string): Promise<ProjectRecord> {
    return (await deps.store.read.projects.findById(id)) ?? fail('project.not_found', 'No such project.');
  }

  return {
    getOrThrow,

    listForAccount: (accountId: string, closed: ClosedFilter) => deps.store.read.projects.listForAccount(accountId, closed),

    /** Creates a project; its creator becomes the first owner. */
    async create(actor: Actor & { accountId: string }, input: NewProject): Promise<ProjectRecord> {
      const rate = parseRate(input.frameRate);
      assertTimecodeMode(rate, input.timecodeMode);
      const budgetMicros = parseAmount(input.budget);
      return deps.store.transaction(async (tx) => {
        if (await tx.projects.findByCode(input.code)) fail('project.code_taken', `The code ${input.code} is already used by another project.`, 'code');
        const now = deps.clock.now().toISOString();
        const project: ProjectRecord = {
          id: deps.ids.next(),
          code: input.code,
          name: input.name,
          fpsNum: rate.num,
          fpsDen: rate.den,
          timecodeMode: input.timecodeMode,
          width: input.resolution.width,
          height: input.resolution.height,
          currency: input.currency,
          budgetMicros,
          generation: GenerationProjectSettings.parse({}),
          review: ReviewProjectSettings.parse({}),
          closedAt: null,
          createdBy: actor.accountId,
          createdAt: now,
          updatedAt: now,
        };
        await tx.projects.insert(project);
        await tx.members.insert({ projectId: project.id, accountId: actor.accountId, role: 'owner', createdAt: now });
        await appendAudit(tx, deps, {
          chain: projectChain(project.id),
          actor,
          action: 'project.created',
          targetType: 'project',
          targetId: project.id,
          summary: `${actor.name} created ${project.code} “${project.name}” (${input.frameRate} fps, ${project.width}×${project.height}, budget ${formatAmount(budgetMicros)} ${project.currency})`,
          data: { ...input },
        });
        return project;
      });
    },

    /** Edits settings; the audit event lists each field that changed, from and to. */
    async update(actor: Actor, id: string, patch: ProjectPatch): Promise<ProjectRecord> {
      return deps.store.transaction(async (tx) => {
        const before = (await tx.projects.findById(id)) ?? fail('project.not_found', 'No such project.');
        const rate = patch.frameRate ? parseRate(patch.frameRate) : { num: before.fpsNum, den: before.fpsDen };
        const mode = patch.timecodeMode ?? before.timecodeMode;
        if (patch.frameRate || patch.timecodeMode) assertTimecodeMode(rate, mode);
        const next: Partial<ProjectRecord> = {
          name: patch.name,
          fpsNum: rate.num,
          fpsDen: rate.den,
          timecodeMode: mode,
          width: patch.resolution?.width,
          height: patch.resolution?.height,
          currency: patch.currency,
          budgetMicros: patch.budget !== undefined ? parseAmount(patch.budget) : undefined,
          generation: patch.generation ? checkedGeneration({ ...before.generation, ...patch.generation }) : undefined,
          review: patch.review ? inDecisionOrder({ ...before.review, ...patch.review }) : undefined,
        };
        const changes: Record<string, { from: unknown; to: unknown }> = {};
        const show = (p: Partial<ProjectRecord>) => ({
          name: p.name,
          frameRate: p.fpsNum !== undefined ? formatRate({ num: p.fpsNum, den: p.fpsDen! }) : undefined,
          timecodeMode: p.timecodeMode,
          resolution: p.width !== undefined ? `${p.width}×${p.height ?? before.height}` : undefined,
          currency: p.currency,
          budget: p.budgetMicros !== undefined ? formatAmount(p.budgetMicros) : undefined,
          ...(p.generation ? describeGeneration(p.generation) : {}),
          ...(p.review ? describeReview(p.review) : {}),
        });
        const was = show(before);
        const now = show({ ...next, height: next.height ?? before.height, width: next.width ?? (next.height !== undefined ? before.width : undefined) });
        for (const [k, v] of Object.entries(now)) {
          if (v !== undefined && v !== was[k as keyof typeof was]) changes[k] = { from: was[k as keyof typeof was], to: v };
        }
        if (Object.keys(changes).length === 0) return before;
        await tx.projects.update(id, { ...next, updatedAt: deps.clock.now().toISOString() });
        await appendAudit(tx, deps, {
          chain: projectChain(id),
          actor,
          action: 'project.updated',
          targetType: 'project',
          targetId: id,
          summary: `${actor.name} changed ${Object.entries(changes)
            .map(([k, c]) => `${k} from ${c.from} to ${c.to}`)
            .join('; ')}`,
          data: changes,
        });
        return (await tx.projects.findById(id))!;
      });
    },

    /** Closes (read-only, hidden from the list) or reopens a project. */
    async setClosed(actor: Actor, id: string, closed: boolean): Promise<ProjectRecord> {
      return deps.store.transaction(async (tx) => {
        const before = (await tx.projects.findById(id)) ?? fail('project.not_found', 'No such project.');
        if (closed && before.closedAt) return before;
        if (!closed && !before.closedAt) fail('project.not_closed', 'This project is open already.');
        const now = deps.clock.now().toISOString();
        await tx.projects.update(id, { closedAt: closed ? now : null, updatedAt: now });
        await appendAudit(tx, deps, {
          chain: projectChain(id),
          actor,
          action: closed ? 'project.closed' : 'project.reopened',
          targetType: 'project',
          targetId: id,
          summary: `${actor.name} ${closed ? 'closed' : 'reopened'} the project`,
        });
        return (await tx.projects.findById(id))!;
      });
    },

    /** The role of an account in a project and whether the project is closed; undefined for non-members. */
    /** Each account's role in the project (members only), in one query. */
    accessMany: (projectId: string, accountIds: string[]) => deps.store.read.members.findAccessMany(projectId, accountIds),
    access: (projectId: string, accountId: string): Promise<{ role: Role; closed: boolean } | undefined> => deps.store.read.members.findAccess(projectId, accountId),
  };
}

export type ProjectsService = ReturnType<typeof createProjectsService>;

/** The generation settings as the audit summary lists them. */
function describeGeneration(g: GenerationProjectSettings): Record<string, string> {
  return {
    requireLocked: g.requireLocked ? 'on' : 'off',
    ssimPass: g.ssimPass.toFixed(2),
    ssimWarn: g.ssimWarn.toFixed(2),
    durationToleranceFrames: String(g.durationToleranceFrames),
    signOffAbove: g.signOffAbove ?? 'none',
  };
}

/** The review settings as the audit summary lists them. */
function describeReview(r: ReviewProjectSettings): Record<string, string> {
  return { reasonRequiredFor: r.reasonRequiredFor.length ? r.reasonRequiredFor.join(', ') : 'none' };
}

/** The decisions listed in one order, however they were sent, so the same set reads (and compares) the same. */
function inDecisionOrder(r: ReviewProjectSettings): ReviewProjectSettings {
  return { ...r, reasonRequiredFor: REVIEW_DECISIONS.filter((d) => r.reasonRequiredFor.includes(d)) };
}

/** A warn threshold above the pass threshold would make warnings impossible to reach. */
function checkedGeneration(g: GenerationProjectSettings): GenerationProjectSettings {
  if (g.ssimWarn > g.ssimPass) fail('request.invalid', 'generation.ssimWarn: must not be above ssimPass', 'generation.ssimWarn');
  return g;
}
