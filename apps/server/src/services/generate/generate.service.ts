/**
 * Asking for takes: the models on offer, a preview of exactly what would be sent, and generation
 * itself — policy checked, request compiled and stored, estimate reserved and take queued in one
 * transaction, before anything reaches a provider. Also cancellation.
 */
import type { GenerateInput, GenerationPreview, ModelCapabilities, Refusal, Role, SignOffInput } from '@backlot/contracts';
import { projectChain } from '../../domain/audit/audit-chain.ts';
import { DomainError, fail, failFields } from '../../domain/errors.ts';
import { checkGenerationPolicy, type PolicyInput } from '../../domain/generate/generation-policy.ts';
import { likenessAssetRefs, withLikenessAssets } from '../../domain/generate/likeness.rules.ts';
import { compileGeneration, type CompiledGeneration } from '../../domain/generate/prompt-compiler.ts';
import { validateSettings } from '../../domain/generate/settings.rules.ts';
import { cancelOutcome } from '../../domain/generate/take-states.ts';
import { costMicros, ledgerBalance, seedFor } from '../../domain/ledger/ledger.rules.ts';
import { spendLimitRefusals } from '../../domain/ledger/spend-limits.rules.ts';
import { roleMay } from '../../domain/permissions/permissions.ts';
import { planCompleteness } from '../../domain/plan/plan.rules.ts';
import { formatAmount, parseAmount } from '../../domain/project/project.rules.ts';
import type { Clock } from '../../ports/clock.ts';
import type { Secrets } from '../../ports/crypto.ts';
import type { Ids } from '../../ports/ids.ts';
import type { Mailer } from '../../ports/mailer.ts';
import type { Repos, Store } from '../../ports/store.ts';
import type { TakeRecord } from '../../ports/take-store.ts';
import type { CompiledRequest, ProviderRegistry, VideoProviderAdapter } from '../../ports/video-provider.ts';
import { appendAudit, type Actor } from '../audit/audit-append.ts';
import { loadGenerationContext, type GenerationContext } from './generation-context.ts';
import { announceTake, finishTake } from './take-ledger.ts';
import { newTakeRecord } from './take-record.ts';
import { limitsFor } from '../spend/limits.service.ts';
import { priceInForce } from '../spend/prices.service.ts';

export interface GenerateDeps {
  store: Store;
  clock: Clock;
  ids: Ids;
  secrets: Secrets;
  providers: ProviderRegistry;
  /** Whether a project has a key for a provider (its own or the instance's). */
  keys?: { has(projectId: string, provider: string): Promise<boolean> };
  /** Tells the worker there is new work (in this process). */
  wake: () => void;
  /** Mail, when SMTP is set: tells a requester how their sign-off was decided. */
  mailer?: Mailer;
  publicUrl?: string;
  /** Registers consented likenesses at a provider that takes faces only as assets (likeness-assets.service.ts). */
  likeness?: { prepare(actor: Actor, projectId: string, shotId: string, provider: string): Promise<void> };
  /** Models that live in a project (ComfyUI workflows): listed with the provider's own, and what a spec for one carries. */
  projectModels?: {
    models(repos: Repos, projectId: string): Promise<ModelCapabilities[]>;
    resolve(repos: Repos, projectId: string, provider: string, model: string): Promise<{ caps: ModelCapabilities; providerOptions: Record<string, unknown> } | undefined>;
  };
}

/** How long after it was made a draft can still be rendered as a final (PROVIDERS.md §1.3.1). */
export const DRAFT_DAYS = 7;

/** The draft a final is rendered from. */
interface DraftSource {
  take: TakeRecord;
  spec: NonNullable<TakeRecord['spec']>;
  taskId: string;
}

/** One take's compiled request, ready to be queued. */
interface PlannedTake {
  seed: number;
  compiled: CompiledGeneration;
  request: CompiledRequest;
  quantity: number;
  detail: string;
  unit: string;
}

/** The code people see for a take number. */
export const takeCode = (n: number) => `TK${String(n).padStart(3, '0')}`;

export function createGenerateService(deps: GenerateDeps) {
  function adapterOf(provider: string): VideoProviderAdapter {
    return deps.providers.get(provider) ?? fail('provider.unknown', `provider: Backlot has no provider called ${provider}.`, 'provider');
  }

  function capabilitiesOf(adapter: VideoProviderAdapter, model: string): ModelCapabilities {
    const caps = adapter.models().find((m) => m.model === model);
    if (caps && deps.providers.retired?.(adapter.provider, model))
      fail('model.retired', `model: ${caps.label} has been retired on this Backlot; takes made with it keep their record. Choose another model.`, 'model');
    return (
      caps ??
      fail(
        'model.unknown',
        `model: ${adapter.provider} has no model ${model}; it offers ${adapter
          .models()
          .map((m) => m.model)
          .join(', ')}.`,
        'model',
      )
    );
  }

  /** A model of the project itself (a ComfyUI workflow) or else of the provider, with what its spec must carry. */
  async function modelOf(projectId: string, adapter: VideoProviderAdapter, model: string): Promise<{ caps: ModelCapabilities; providerOptions?: Record<string, unknown> }> {
    const own = await deps.projectModels?.resolve(deps.store.read, projectId, adapter.provider, model);
    return own ?? { caps: capabilitiesOf(adapter, model) };
  }

  /** Why a keyed provider cannot be used by the project now, or null. */
  async function keyMissing(projectId: string, adapter: VideoProviderAdapter): Promise<string | null> {
    if (!adapter.needsKey || (await deps.keys?.has(projectId, adapter.provider))) return null;
    return `No ${adapter.models()[0]?.label.split(' ')[0] ?? adapter.provider} key is set for this project or the instance: an owner adds one under Settings → Provider keys. Nothing was sent or reserved.`;
  }

  /** The price in force now for the model in the project's currency (see the price catalog), or undefined. */
  async function priceOf(repos: Repos, projectId: string, currency: string, provider: string, model: string) {
    return priceInForce(repos, deps.providers, { projectId, currency, provider, model, at: deps.clock.now().toISOString() });
  }

  /**
   * The draft a final is rendered from (settings.finalOf): a succeeded draft of the same shot and
   * model, sent to the provider no more than DRAFT_DAYS ago. Undefined when none is asked for.
   */
  async function draftFor(repos: Repos, projectId: string, shotId: string, input: GenerateInput & { count: number }): Promise<DraftSource | undefined> {
    const id = input.settings?.finalOf;
    if (!id) return undefined;
    const draft = await repos.takes.findById(projectId, id);
    if (!draft || draft.shotId !== shotId) fail('take.not_found', 'settings.finalOf: no such take of this shot.', 'settings.finalOf');
    const code = takeCode(draft.number);
    if (draft.settings.draft !== true || !draft.spec) fail('take.not_a_draft', `settings.finalOf: ${code} is not a draft; only a draft can be rendered as a final.`, 'settings.finalOf');
    if (draft.provider !== input.provider || draft.model !== input.model)
      fail('take.not_a_draft', `settings.finalOf: ${code} is a draft of ${draft.model}; its final must be rendered by the same model.`, 'settings.finalOf');
    if (draft.status !== 'succeeded' || !draft.providerTaskId)
      fail('take.not_a_draft', `settings.finalOf: ${code} has not finished (${draft.status}); a draft can be finalised once it has succeeded.`, 'settings.finalOf');
    if (input.count !== 1) fail('request.invalid', 'count: a draft is rendered as one final.', 'count');
    const made = new Date(draft.submittedAt ?? draft.requestedAt);
    if (deps.clock.now().getTime() - made.getTime() > DRAFT_DAYS * 86_400_000) {
      fail(
        'take.draft_expired',
        `${code} was drafted on ${made.toISOString().slice(0, 10)}; a draft can be rendered as a final for ${DRAFT_DAYS} days after it was made, so this one no longer can. Generate a new draft.`,
        'settings.finalOf',
      );
    }
    return { take: draft, spec: draft.spec, taskId: draft.providerTaskId };
  }

  /** How the provider's label reads in messages ("Seedance"). */
  const labelOf = (adapter: VideoProviderAdapter) => adapter.models()[0]?.label.split(' ')[0] ?? adapter.provider;

  /** The likenesses of the plan as the provider's assets, where it takes faces only that way (none elsewhere). */
  function likenessOf(ctx: GenerationContext, adapter: VideoProviderAdapter, mode: 'preview' | 'generate', input: GenerateInput) {
    // A final names only its draft's task: no picture is sent, so there is no face to register.
    if (!adapter.likenessAssets || input.settings?.finalOf) return { refs: new Map<string, string>(), refusals: [] };
    const refs = ctx.references.flatMap((r) => (r.likeness ? [r.likeness] : []));
    return likenessAssetRefs(refs, adapter.provider, labelOf(adapter), deps.clock.now().toISOString().slice(0, 10), mode);
  }

  /** Compiles `count` takes (numbers from `firstNumber`) and estimates each; a final is compiled from its draft. */
  async function planTakes(
    ctx: GenerationContext,
    adapter: VideoProviderAdapter,
    caps: ModelCapabilities,
    input: GenerateInput & { count: number },
    firstNumber: number,
    seeds: number[],
    final: DraftSource | undefined,
    likeness: ReadonlyMap<string, string>,
    providerOptions?: Record<string, unknown>,
  ): Promise<PlannedTake[]> {
    const planned: PlannedTake[] = [];
    for (let i = 0; i < input.count; i++) {
      const compiled = compileGeneration({
        plan: ctx.shot.plan,
        scene: { number: ctx.scene.number, heading: ctx.scene.heading },
        shotCode: ctx.shot.code,
        project: { code: ctx.project.code, fpsNum: ctx.project.fpsNum, fpsDen: ctx.project.fpsDen, width: ctx.project.width, height: ctx.project.height },
        references: ctx.references.map((r) => r.compiler),
        capabilities: caps,
        settings: input.settings ?? {},
        seed: seeds[i],
        takeCode: takeCode(firstNumber + i),
      });
      // A real face goes as the provider's asset, never as the picture.
      let spec = withLikenessAssets(compiled.spec, likeness);
      // A project's own model (a ComfyUI workflow) carries its graph and mapping as sent.
      if (providerOptions) spec = { ...spec, providerOptions: { ...spec.providerOptions, ...providerOptions } };
      compiled.spec = spec;
      if (input.settings?.draft) spec = { ...spec, resolution: '480p', providerOptions: { ...spec.providerOptions, draft: true } };
      if (final) {
        // The final reuses what the draft was made from; only the resolution is new.
        spec = { ...final.spec, resolution: input.settings?.resolution ?? '1080p', providerOptions: { draftTaskId: final.taskId } };
        compiled.spec = spec;
        compiled.prompt = final.take.prompt;
        compiled.negativePrompt = final.take.negativePrompt;
        seeds[i] = final.take.seed ?? seeds[i];
      }
      const problems = adapter.validate(spec);
      if (problems.length)
        failFields(
          'settings.unsupported',
          problems.map((p) => ({ field: p.field, message: p.problem })),
        );
      const usage = await adapter.estimateUsage(spec);
      planned.push({ seed: seeds[i], compiled, request: await adapter.compile(spec), quantity: usage.quantity, detail: usage.detail, unit: usage.unit });
    }
    return planned;
  }

  /** Policy and money for a planned batch, against the ledger as `repos` sees it. */
  async function assess(repos: Repos, ctx: GenerationContext, role: Role, provider: string, model: string, planned: PlannedTake[], accountId?: string) {
    const price = await priceOf(repos, ctx.project.id, ctx.project.currency, provider, model);
    const perTake = planned.map((p) => (price ? costMicros(p.quantity, price) : 0));
    const total = perTake.reduce((a, b) => a + b, 0);
    const balance = ledgerBalance(ctx.project.budgetMicros, await repos.ledger.totals(ctx.project.id));
    const refusals: Refusal[] = policyRefusals(ctx, role, provider, price ? { totalMicros: total, remainingMicros: balance.remainingMicros, currency: ctx.project.currency } : null, !price);
    // The scene's budget and the requester's caps, counted on the same ledger the reservation is checked against.
    if (price && accountId) {
      const limits = await limitsFor(repos, { projectId: ctx.project.id, sceneId: ctx.scene.id, sceneNumber: ctx.scene.number, accountId, role, at: deps.clock.now() });
      refusals.push(...spendLimitRefusals(total, ctx.project.currency, limits));
    }
    return { perTake, total, balance, refusals, price };
  }

  /** Tells the requester by mail (when SMTP is set) how a producer decided their sign-off; a mail that fails is not the decision's problem. */
  async function mailSignOff(take: TakeRecord): Promise<void> {
    if (!deps.mailer?.configured || !take.signOff) return;
    const account = await deps.store.read.accounts.findById(take.requestedBy);
    const project = await deps.store.read.projects.findById(take.projectId);
    const shot = await deps.store.read.shots.findById(take.projectId, take.shotId);
    if (!account || !project) return;
    const code = `${shot?.code ?? ''} ${takeCode(take.number)}`;
    const s = take.signOff;
    const signed = s.decision === 'signed_off';
    await deps.mailer
      .send({
        to: account.email,
        subject: signed ? `${s.byName} signed off ${code} in ${project.name}` : `${s.byName} refused to sign off ${code} in ${project.name}`,
        text: `${signed ? `${s.byName} signed off ${code}; it is queued and will be generated.` : `${s.byName} refused to sign off ${code}.\n\nWhy: ${s.reason ?? '—'}`}\n\nOpen the take:\n\n${deps.publicUrl ?? ''}/projects/${project.id}/takes/${take.id}\n`,
      })
      .catch(() => undefined);
  }

  /** Over the project's sign-off threshold, a request by someone who may not sign off waits for a producer, reserving nothing. */
  function needsSignOff(ctx: GenerationContext, role: Role, totalMicros: number): boolean {
    const threshold = ctx.project.generation.signOffAbove;
    return threshold !== null && totalMicros > parseAmount(threshold, 'generation.signOffAbove') && !roleMay(role, 'spend.manage');
  }

  /** The generation policy for this context: who may generate, the plan, every reference's rights, and the money when it is given. */
  function policyRefusals(ctx: GenerationContext, role: Role, provider: string, cost: PolicyInput['cost'], priceMissing: boolean): Refusal[] {
    return checkGenerationPolicy({
      mayGenerate: roleMay(role, 'take.generate'),
      role,
      planComplete: planCompleteness(ctx.shot.plan),
      planLocked: ctx.shot.lockedAt !== null,
      references: ctx.references.map((r) => r.policy),
      provider,
      requireLocked: ctx.project.generation.requireLocked,
      today: deps.clock.now().toISOString().slice(0, 10),
      cost,
      priceMissing,
    });
  }

  /** The rules of the policy apart from money: who may generate, the plan, and every reference's rights. */
  function rulesRefusals(ctx: GenerationContext, role: Role, provider: string): Refusal[] {
    return policyRefusals(ctx, role, provider, null, false);
  }

  function checkInput(ctx: GenerationContext, caps: ModelCapabilities, input: GenerateInput) {
    const problems = validateSettings(input.settings ?? {}, caps, ctx.project);
    if (problems.length)
      failFields(
        'settings.unsupported',
        problems.map((p) => ({ field: p.field, message: p.problem })),
      );
  }

  /** Fixed seed S gives takes S, S+1, …; otherwise each take's seed comes from its id. */
  const seedsFor = (input: GenerateInput & { count: number }, ids: string[]) => ids.map((id, i) => (input.settings?.seed !== undefined ? input.settings.seed + i : seedFor(id)));

  return {
    /** Every model of every provider this instance has, with what each accepts; a keyed provider's are available only with a key for the project. */
    async models(projectId?: string): Promise<ModelCapabilities[]> {
      const out: ModelCapabilities[] = [];
      for (const p of deps.providers.all()) {
        const available = !p.needsKey || (projectId !== undefined && (await keyMissing(projectId, p)) === null);
        out.push(...p.models().map((m) => (deps.providers.retired?.(p.provider, m.model) ? { ...m, available: false, retired: true } : available ? m : { ...m, available: false })));
      }
      if (projectId !== undefined && deps.projectModels) out.push(...(await deps.projectModels.models(deps.store.read, projectId)));
      return out;
    },

    /** What generating would send and cost, and any refusal; nothing is saved. */
    async preview(role: Role, projectId: string, shotId: string, input: GenerateInput & { count: number }, accountId?: string): Promise<GenerationPreview> {
      const adapter = adapterOf(input.provider);
      const { caps, providerOptions } = await modelOf(projectId, adapter, input.model);
      const ctx = await loadGenerationContext(deps.store.read, projectId, shotId);
      checkInput(ctx, caps, input);
      const ids = Array.from({ length: input.count }, () => deps.ids.next());
      const seeds = seedsFor(input, ids);
      const first = await deps.store.read.takes.nextNumber(ctx.shot.id);
      const final = await draftFor(deps.store.read, projectId, ctx.shot.id, input);
      const likeness = likenessOf(ctx, adapter, 'preview', input);
      const planned = await planTakes(ctx, adapter, caps, input, first, seeds, final, likeness.refs, providerOptions);
      const money = await assess(deps.store.read, ctx, role, input.provider, input.model, planned, accountId);
      money.refusals.push(...likeness.refusals);
      const missing = await keyMissing(projectId, adapter);
      if (missing) money.refusals.unshift({ code: 'provider.key_missing', message: missing });
      const spend = roleMay(role, 'spend.read');
      const { uploads: _uploads, ...request } = planned[0].request;
      return {
        provider: input.provider,
        model: input.model,
        planVersion: ctx.shot.planVersion,
        prompt: planned[0].compiled.prompt,
        negativePrompt: planned[0].compiled.negativePrompt,
        request,
        adaptations: planned[0].compiled.adaptations,
        seeds: input.settings?.seed !== undefined ? seeds : [],
        estimate: spend ? { perTake: formatAmount(money.perTake[0] ?? 0), total: formatAmount(money.total), currency: ctx.project.currency, detail: planned[0].detail } : undefined,
        budget: spend ? { remaining: formatAmount(money.balance.remainingMicros), currency: ctx.project.currency } : undefined,
        refusals: money.refusals,
        signOff: needsSignOff(ctx, role, money.total) ? { threshold: ctx.project.generation.signOffAbove!, currency: ctx.project.currency } : null,
      };
    },

    /**
     * Queues `count` takes: policy, compile, store the exact request, reserve the estimate and
     * queue — all in one transaction, with the project's ledger locked so concurrent requests
     * cannot spend the same budget twice. A refusal changes nothing.
     */
    async generate(actor: Actor & { accountId: string }, role: Role, projectId: string, shotId: string, input: GenerateInput & { count: number }): Promise<TakeRecord[]> {
      const adapter = adapterOf(input.provider);
      const { caps, providerOptions } = await modelOf(projectId, adapter, input.model);
      const missing = await keyMissing(projectId, adapter);
      if (missing) fail('provider.key_missing', missing, 'provider');
      if (adapter.likenessAssets && deps.likeness && !input.settings?.finalOf) {
        // Faces are registered before the transaction (it calls the provider), and only when the
        // plan passes the rules: a member who may not generate, or a consent not in force, sends nothing.
        const ctx = await loadGenerationContext(deps.store.read, projectId, shotId);
        if (ctx.references.some((r) => r.likeness) && rulesRefusals(ctx, role, input.provider).length === 0) await deps.likeness.prepare(actor, projectId, ctx.shot.id, input.provider);
      }
      const takes = await deps.store.transaction(async (tx) => {
        await tx.ledger.lock(projectId);
        const ctx = await loadGenerationContext(tx, projectId, shotId);
        checkInput(ctx, caps, input);
        if (input.parentTakeId) {
          const parent = await tx.takes.findById(projectId, input.parentTakeId);
          if (!parent || parent.shotId !== ctx.shot.id) fail('take.not_found', 'parentTakeId: no such take of this shot.', 'parentTakeId');
        }
        // Regenerating from a note: the note must be on a take of this shot.
        const sourceNote = input.noteId ? await tx.notes.findById(projectId, input.noteId) : undefined;
        if (input.noteId) {
          const noteTake = sourceNote && (await tx.takes.findById(projectId, sourceNote.takeId));
          if (!noteTake || noteTake.shotId !== ctx.shot.id) fail('request.invalid', 'noteId: no such note on a take of this shot.', 'noteId');
        }
        const ids = Array.from({ length: input.count }, () => deps.ids.next());
        const first = await tx.takes.nextNumber(ctx.shot.id);
        const final = await draftFor(tx, projectId, ctx.shot.id, input);
        const likeness = likenessOf(ctx, adapter, 'generate', input);
        const planned = await planTakes(ctx, adapter, caps, input, first, seedsFor(input, ids), final, likeness.refs, providerOptions);
        const money = await assess(tx, ctx, role, input.provider, input.model, planned, actor.accountId);
        money.refusals.push(...likeness.refusals);
        if (money.refusals.length) throw refusalError(money.refusals);
        const threshold = ctx.project.generation.signOffAbove;
        const awaiting = needsSignOff(ctx, role, money.total);
        const now = deps.clock.now().toISOString();
        const records: TakeRecord[] = [];
        for (const [i, p] of planned.entries()) {
          const { uploads: _uploads, ...request } = p.request;
          const take = newTakeRecord(
            {
              id: ids[i],
              projectId,
              shotId: ctx.shot.id,
              number: first + i,
              provider: input.provider,
              model: input.model,
              planVersion: ctx.shot.planVersion,
              currency: ctx.project.currency,
              requestedBy: actor.accountId,
              requestedByName: actor.name,
              settings: { ...(input.settings ?? {}), frames: p.compiled.frames },
              seed: caps.seed ? p.seed : null,
              prompt: p.compiled.prompt,
              negativePrompt: p.compiled.negativePrompt,
              spec: p.compiled.spec,
              request: { ...request, uploads: [] },
              adaptations: p.compiled.adaptations,
              webhookSecret: deps.secrets.randomToken(),
              status: awaiting ? 'awaiting_approval' : 'queued',
              estimateMicros: money.perTake[i],
              reservedMicros: awaiting ? 0 : money.perTake[i],
              estimateDetail: p.detail,
              usageUnit: p.unit,
              usageQuantity: p.quantity,
              priceSource: money.price?.ref ?? null,
              parentTakeId: final?.take.id ?? input.parentTakeId ?? null,
              sourceNoteId: input.noteId ?? null,
            },
            now,
          );
          await tx.takes.insert(take);
          await tx.takes.insertReferences(ctx.references.map((r) => ({ takeId: take.id, assetId: r.compiler.assetId, assetVersion: r.compiler.version, role: r.compiler.role })));
          if (!awaiting)
            await tx.ledger.append({
              id: deps.ids.next(),
              projectId,
              takeId: take.id,
              kind: 'reservation',
              amountMicros: take.reservedMicros,
              currency: take.currency,
              note: `${ctx.shot.code} ${takeCode(take.number)}: ${p.detail}`,
              createdAt: now,
            });
          await announceTake(tx, take, now);
          records.push(take);
        }
        if (ctx.shot.status === 'planned' || ctx.shot.status === 'locked') await tx.shots.update(ctx.shot.id, { status: 'in_progress', updatedAt: now });
        await appendAudit(tx, deps, {
          chain: projectChain(projectId),
          actor,
          action: 'take.requested',
          targetType: 'shot',
          targetId: ctx.shot.id,
          summary: `${actor.name} asked for ${records.length} ${input.model} ${input.settings?.draft ? 'draft' : final ? 'final' : 'take'}${records.length === 1 ? '' : 's'} of ${ctx.shot.code} (${records.map((t) => takeCode(t.number)).join(', ')})${final ? ` from the draft ${takeCode(final.take.number)}` : ''}${sourceNote ? ` from ${sourceNote.authorName}'s note` : ''}, ${awaiting ? `estimated at ${formatAmount(money.total)} ${ctx.project.currency}, over the ${threshold} sign-off threshold: waiting for a producer's sign-off` : `reserving ${formatAmount(money.total)} ${ctx.project.currency}`}`,
          data: {
            takeIds: records.map((t) => t.id),
            provider: input.provider,
            model: input.model,
            reservedMicros: awaiting ? 0 : money.total,
            awaitingSignOff: awaiting,
            parentTakeId: input.parentTakeId ?? null,
            noteId: input.noteId ?? null,
          },
        });
        return records;
      });
      deps.wake();
      return takes;
    },

    /**
     * A producer's decision on a take waiting over the sign-off threshold. Signing off reserves its
     * estimate and queues it, in one transaction with the project's ledger locked, checked against
     * the budget, the scene's budget and the requester's caps as they stand now (a refusal leaves it
     * waiting, so the limit can be raised); refusing cancels it with the reason. Audited.
     */
    async signOff(actor: Actor & { accountId: string }, projectId: string, takeId: string, input: SignOffInput): Promise<TakeRecord> {
      const take = await deps.store.transaction(async (tx) => {
        await tx.ledger.lock(projectId);
        const t = (await tx.takes.findById(projectId, takeId)) ?? fail('take.not_found', 'No such take in this project.');
        const shot = (await tx.shots.findById(projectId, t.shotId))!;
        const code = `${shot.code} ${takeCode(t.number)}`;
        if (t.status !== 'awaiting_approval') fail('take.not_awaiting_sign_off', `${code} is not waiting for sign-off; it is ${t.status.replace('_', ' ')}.`);
        const project = (await tx.projects.findById(projectId))!;
        const now = deps.clock.now().toISOString();
        const money = `${formatAmount(t.estimateMicros)} ${t.currency}`;
        if (input.decision === 'refuse') {
          const reason = input.reason!;
          await tx.takes.update(t.id, { signOff: { decision: 'refused', byId: actor.accountId, byName: actor.name, at: now, reason }, updatedAt: now });
          await finishTake(
            tx,
            deps,
            t,
            { status: 'canceled', actualMicros: null, error: { code: 'sign_off.refused', message: `${actor.name} refused to sign off ${money}: ${reason}`, category: 'policy' } },
            now,
          );
        } else {
          const scene = (await tx.scenes.findById(projectId, shot.sceneId))!;
          const access = await tx.members.findAccess(projectId, t.requestedBy);
          const balance = ledgerBalance(project.budgetMicros, await tx.ledger.totals(projectId));
          const refusals: Refusal[] = [];
          if (t.estimateMicros > balance.remainingMicros) {
            refusals.push({
              code: 'budget.exceeded',
              message: `${code} is estimated at ${money} but only ${formatAmount(Math.max(0, balance.remainingMicros))} ${t.currency} of the budget remains; it keeps waiting until the budget allows it.`,
            });
          }
          const limits = await limitsFor(tx, {
            projectId,
            sceneId: scene.id,
            sceneNumber: scene.number,
            accountId: t.requestedBy,
            role: access?.role ?? 'viewer',
            at: deps.clock.now(),
            name: t.requestedByName,
          });
          refusals.push(...spendLimitRefusals(t.estimateMicros, t.currency, limits, `${t.requestedByName} has`));
          if (refusals.length) throw refusalError(refusals);
          await tx.takes.update(t.id, {
            status: 'queued',
            reservedMicros: t.estimateMicros,
            nextAttemptAt: now,
            signOff: { decision: 'signed_off', byId: actor.accountId, byName: actor.name, at: now, reason: input.reason ?? null },
            updatedAt: now,
          });
          await tx.ledger.append({
            id: deps.ids.next(),
            projectId,
            takeId: t.id,
            kind: 'reservation',
            amountMicros: t.estimateMicros,
            currency: t.currency,
            note: `${code}: signed off by ${actor.name}`,
            createdAt: now,
          });
          await announceTake(tx, { ...t, status: 'queued' }, now);
        }
        await appendAudit(tx, deps, {
          chain: projectChain(projectId),
          actor,
          action: input.decision === 'refuse' ? 'take.sign_off_refused' : 'take.signed_off',
          targetType: 'take',
          targetId: t.id,
          summary:
            input.decision === 'refuse'
              ? `${actor.name} refused to sign off ${code} (${money}) asked for by ${t.requestedByName}: ${input.reason}`
              : `${actor.name} signed off ${code} (${money}) asked for by ${t.requestedByName}, reserving it`,
        });
        return (await tx.takes.get(t.id))!;
      });
      deps.wake();
      await mailSignOff(take);
      return take;
    },

    /**
     * Cancels a take. Queued (never sent) takes end at once and their hold is returned; takes at
     * the provider become `cancel_requested` and the worker asks the provider to stop.
     */
    async cancel(actor: Actor, projectId: string, takeId: string): Promise<TakeRecord> {
      const take = await deps.store.transaction(async (tx) => {
        const t = (await tx.takes.findById(projectId, takeId)) ?? fail('take.not_found', 'No such take in this project.');
        const shot = await tx.shots.findById(projectId, t.shotId);
        const outcome = cancelOutcome(t.status, t.step === 'submit' && t.attempts > 0);
        if (outcome === 'not_cancelable') fail('take.not_cancelable', `${shot?.code ?? ''} ${takeCode(t.number)} is ${t.status.replace('_', ' ')}; only unfinished takes can be canceled.`);
        const now = deps.clock.now().toISOString();
        if (outcome === 'canceled_free') {
          await finishTake(tx, deps, t, { status: 'canceled', actualMicros: null, error: null }, now);
        } else {
          // A take waiting between polls is let go by the worker holding it, so a free worker asks the provider to stop now.
          const release = t.step === 'poll' ? { leaseOwner: null, leaseUntil: null } : {};
          await tx.takes.update(t.id, { status: 'cancel_requested', step: 'cancel', nextAttemptAt: now, updatedAt: now, ...release });
          await announceTake(tx, { ...t, status: 'cancel_requested' }, now);
        }
        await appendAudit(tx, deps, {
          chain: projectChain(projectId),
          actor,
          action: 'take.canceled',
          targetType: 'take',
          targetId: t.id,
          summary: `${actor.name} canceled ${shot?.code ?? ''} ${takeCode(t.number)} (was ${t.status.replace('_', ' ')})`,
          data: { from: t.status },
        });
        return (await tx.takes.get(t.id))!;
      });
      deps.wake();
      return take;
    },
  };
}

/** The first refusal as the error; every refusal is listed in its message so nothing is hidden. */
function refusalError(refusals: Refusal[]): DomainError {
  const [first, ...rest] = refusals;
  const more = rest.length ? ` Also: ${rest.map((r) => r.message).join(' ')}` : '';
  return new DomainError(first.code as never, `${first.message}${more}`);
}

export type GenerateService = ReturnType<typeof createGenerateService>;
