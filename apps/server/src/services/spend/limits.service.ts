/**
 * Budgets and spend caps. A producer or owner sets a scene's budget within the project's, and caps
 * per member or per role (each member of it), per UTC day or over the project (audited). The
 * generate service asks `limitsFor` inside the transaction that reserves a request's cost, with
 * the project's ledger locked, so concurrent requests cannot pass a limit together.
 */
import type { BudgetOverview, Role, SceneBudgetInput, SpendCap, SpendCapInput } from '@backlot/contracts';
import { projectChain } from '../../domain/audit/audit-chain.ts';
import { fail } from '../../domain/errors.ts';
import { ledgerBalance } from '../../domain/ledger/ledger.rules.ts';
import { capsFor, dayStart, type SpendLimit } from '../../domain/ledger/spend-limits.rules.ts';
import { formatAmount, parseAmount } from '../../domain/project/project.rules.ts';
import type { Repos, Store } from '../../ports/store.ts';
import type { SpendCapRecord } from '../../ports/take-store.ts';
import { appendAudit, type Actor, type AuditDeps } from '../audit/audit-append.ts';

export interface LimitsDeps extends AuditDeps {
  store: Store;
}

const ROLE_PLURAL: Record<Role, string> = { owner: 'owners', producer: 'producers', director: 'directors', editor: 'editors', viewer: 'viewers' };

/** Held and spent from ledger sums: held = reserved − released. */
const used = (t: { reserved: number; settled: number; released: number }) => t.reserved - t.released + t.settled;

/**
 * The scene budget and the caps that bind `accountId` (in `role`) for a request on a shot of
 * `sceneId`, each with what is already held or spent against it, as `repos` sees the ledger.
 * `name` words a member's own cap for someone else reading it ("Dana's own daily cap").
 */
export async function limitsFor(repos: Repos, q: { projectId: string; sceneId: string; sceneNumber: string; accountId: string; role: Role; at: Date; name?: string }): Promise<SpendLimit[]> {
  const limits: SpendLimit[] = [];
  const budget = await repos.spendLimits.sceneBudget(q.sceneId);
  if (budget) limits.push({ kind: 'scene', label: `Scene ${q.sceneNumber}`, limitMicros: budget.amountMicros, usedMicros: used(await repos.ledger.totalsFor(q.projectId, { sceneId: q.sceneId })) });
  for (const cap of capsFor(await repos.spendLimits.caps(q.projectId), q.accountId, q.role)) {
    const since = cap.period === 'day' ? dayStart(q.at) : undefined;
    const which = cap.period === 'day' ? 'daily' : 'project';
    limits.push({
      kind: 'cap',
      label: cap.subjectKind === 'member' ? `${q.name ? `${q.name}'s` : 'Your'} own ${which} cap` : `The ${which} cap for ${ROLE_PLURAL[q.role]}`,
      limitMicros: cap.amountMicros,
      usedMicros: used(await repos.ledger.totalsFor(q.projectId, { requestedBy: q.accountId, since })),
      period: cap.period,
    });
  }
  return limits;
}

export function createLimitsService(deps: LimitsDeps) {
  async function overview(repos: Repos, projectId: string): Promise<BudgetOverview> {
    const project = (await repos.projects.findById(projectId)) ?? fail('project.not_found', 'No such project.');
    const balance = ledgerBalance(project.budgetMicros, await repos.ledger.totals(projectId));
    const byScene = new Map((await repos.ledger.totalsByScene(projectId)).map((t) => [t.sceneId, t]));
    const budgets = new Map((await repos.spendLimits.sceneBudgets(projectId)).map((b) => [b.sceneId, b]));
    const members = new Map((await repos.members.list(projectId)).map((m) => [m.accountId, m.name]));
    const scenes = (await repos.scenes.list(projectId)).map((s) => {
      const t = byScene.get(s.id) ?? { reserved: 0, settled: 0, released: 0 };
      const b = budgets.get(s.id);
      const held = t.reserved - t.released;
      return {
        sceneId: s.id,
        number: s.number,
        heading: s.heading,
        budget: b ? formatAmount(b.amountMicros) : null,
        held: formatAmount(held),
        spent: formatAmount(t.settled),
        remaining: b ? formatAmount(Math.max(0, b.amountMicros - held - t.settled)) : null,
        setBy: b?.setByName ?? null,
        setAt: b?.setAt ?? null,
      };
    });
    const caps = (await repos.spendLimits.caps(projectId)).map(
      (c): SpendCap => ({
        subject: c.subjectKind === 'role' ? { kind: 'role', role: c.subject as Role } : { kind: 'member', accountId: c.subject, name: members.get(c.subject) ?? 'a former member' },
        period: c.period,
        amount: formatAmount(c.amountMicros),
        setBy: c.setByName,
        setAt: c.setAt,
      }),
    );
    return {
      currency: project.currency,
      project: {
        budget: formatAmount(project.budgetMicros),
        held: formatAmount(balance.heldMicros),
        spent: formatAmount(balance.spentMicros),
        remaining: formatAmount(Math.max(0, balance.remainingMicros)),
      },
      scenes,
      caps,
    };
  }

  return {
    overview: (projectId: string) => overview(deps.store.read, projectId),

    /** Sets or removes a scene's budget; audited. */
    async setSceneBudget(actor: Actor, projectId: string, sceneId: string, input: SceneBudgetInput): Promise<BudgetOverview> {
      return deps.store.transaction(async (tx) => {
        const project = (await tx.projects.findById(projectId)) ?? fail('project.not_found', 'No such project.');
        const scene = (await tx.scenes.findById(projectId, sceneId)) ?? fail('scene.not_found', 'No such scene in this project.');
        const at = deps.clock.now().toISOString();
        const amount = input.budget === null ? null : parseAmount(input.budget, 'budget');
        if (amount === null) await tx.spendLimits.removeSceneBudget(scene.id);
        else await tx.spendLimits.setSceneBudget({ sceneId: scene.id, projectId, amountMicros: amount, setByName: actor.name, setAt: at });
        await appendAudit(tx, deps, {
          chain: projectChain(projectId),
          actor,
          action: 'budget.scene_set',
          targetType: 'scene',
          targetId: scene.id,
          summary: amount === null ? `Scene ${scene.number}: budget removed` : `Scene ${scene.number}: budget ${formatAmount(amount)} ${project.currency}`,
        });
        return overview(tx, projectId);
      });
    },

    /** Sets or removes a cap for a member or a role and period; audited. */
    async setCap(actor: Actor, projectId: string, input: SpendCapInput): Promise<BudgetOverview> {
      return deps.store.transaction(async (tx) => {
        const project = (await tx.projects.findById(projectId)) ?? fail('project.not_found', 'No such project.');
        let subject: { kind: 'member' | 'role'; id: string; words: string };
        if (input.accountId !== undefined) {
          const member = (await tx.members.find(projectId, input.accountId)) ?? fail('member.not_found', 'accountId: no such member of this project.', 'accountId');
          subject = { kind: 'member', id: member.accountId, words: member.name };
        } else subject = { kind: 'role', id: input.role!, words: `each ${input.role}` };
        const at = deps.clock.now().toISOString();
        const period = input.period;
        const amount = input.amount === null ? null : parseAmount(input.amount, 'amount');
        if (amount === null) await tx.spendLimits.removeCap(projectId, subject.kind, subject.id, period);
        else {
          const cap: SpendCapRecord = { id: deps.ids.next(), projectId, subjectKind: subject.kind, subject: subject.id, period, amountMicros: amount, setByName: actor.name, setAt: at };
          await tx.spendLimits.setCap(cap);
        }
        const per = period === 'day' ? 'a day (UTC)' : 'over the project';
        await appendAudit(tx, deps, {
          chain: projectChain(projectId),
          actor,
          action: 'budget.cap_set',
          targetType: subject.kind === 'member' ? 'account' : 'role',
          targetId: subject.id,
          summary: amount === null ? `Spend cap ${per} for ${subject.words} removed` : `Spend cap for ${subject.words}: ${formatAmount(amount)} ${project.currency} ${per}`,
        });
        return overview(tx, projectId);
      });
    },
  };
}

export type LimitsService = ReturnType<typeof createLimitsService>;
