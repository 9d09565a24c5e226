/**
 * One plan across several providers: the same shot plan sent to two to four provider/model pairs,
 * one take each, through the one generation path every take takes (generate.service.ts) — so any
 * provider behind the port joins with no change here. The preview checks each pair against its
 * own model and then counts the pairs before it against the budget, the scene's budget and the
 * member's caps, so the combined estimate shows what the batch would hold. Generating asks for the
 * pairs in the order given, each in its own transaction with the project's ledger locked (so
 * concurrent batches spend the budget exactly), and reports each pair's outcome: one refused
 * changes nothing for the others.
 */
import type { AcrossError, AcrossInput, AcrossModelPreview, AcrossPreview, Role } from '@backlot/contracts';
import { batchRefusals, pairError, pairName, settingsForTarget } from '../../domain/generate/across.rules.ts';
import { DomainError, fail } from '../../domain/errors.ts';
import { ledgerBalance } from '../../domain/ledger/ledger.rules.ts';
import { formatAmount, parseAmount } from '../../domain/project/project.rules.ts';
import type { Clock } from '../../ports/clock.ts';
import type { Store } from '../../ports/store.ts';
import type { TakeRecord } from '../../ports/take-store.ts';
import type { Actor } from '../audit/audit-append.ts';
import { limitsFor } from '../spend/limits.service.ts';
import type { GenerateService } from './generate.service.ts';

export interface AcrossDeps {
  store: Store;
  clock: Clock;
  generate: Pick<GenerateService, 'preview' | 'generate' | 'models'>;
}

/** The request as the schema gives it: every target with its settings. */
type Parsed = { targets: { provider: string; model: string; settings?: AcrossInput['settings'] }[]; settings?: AcrossInput['settings'] };

/** One pair's outcome, its take as a record (the route presents it per role). */
export interface AcrossPairOutcome {
  provider: string;
  model: string;
  label: string;
  takes: TakeRecord[];
  error: AcrossError | null;
}

/** A decimal amount as the preview writes it, in micro-units (a negative "remaining" counts as none). */
const micros = (amount: string) => (/^\d/.test(amount) ? parseAmount(amount, 'estimate') : 0);

export function createAcrossService(deps: AcrossDeps) {
  /**
   * Each model's label ("Runway Gen-4 Turbo", "ComfyUI Pier t2v (v2)"), the project's own models
   * (its ComfyUI workflows) included; a model Backlot has no such model for is named by its id (its
   * preview says so).
   */
  async function labelsFor(projectId: string): Promise<(provider: string, model: string) => string> {
    const models = await deps.generate.models(projectId);
    return (provider, model) => models.find((m) => m.provider === provider && m.model === model)?.label ?? model;
  }

  async function shotOrThrow(projectId: string, shotId: string) {
    const read = deps.store.read;
    const project = (await read.projects.findById(projectId)) ?? fail('project.not_found', 'No such project.');
    const shot = (await read.shots.findById(projectId, shotId)) ?? fail('shot.not_found', 'No such shot in this project.');
    const scene = (await read.scenes.findById(projectId, shot.sceneId)) ?? fail('scene.not_found', 'The shot’s scene is missing.');
    return { project, shot, scene };
  }

  const generationOf = (input: Parsed, i: number) => {
    const t = input.targets[i];
    return { provider: t.provider as never, model: t.model, settings: settingsForTarget(input.settings, t.settings), count: 1 };
  };

  return {
    /**
     * Each pair's preview (request, what it drops or adapts, estimate, refusals), with the pairs
     * before it counted against the budget and limits; and the combined estimate. Nothing is saved.
     */
    async preview(role: Role, projectId: string, shotId: string, input: Parsed, accountId: string): Promise<AcrossPreview> {
      const { project, shot, scene } = await shotOrThrow(projectId, shotId);
      const labelOf = await labelsFor(projectId);
      const read = deps.store.read;
      const balance = ledgerBalance(project.budgetMicros, await read.ledger.totals(projectId));
      const limits = await limitsFor(read, { projectId, sceneId: scene.id, sceneNumber: scene.number, accountId, role, at: deps.clock.now() });
      const models: AcrossModelPreview[] = [];
      let ahead = 0;
      let total = 0;
      let sendable = 0;
      let spendShown = false;
      for (const [i, t] of input.targets.entries()) {
        const label = labelOf(t.provider, t.model);
        const name = pairName(label, t.provider, t.model);
        try {
          const preview = await deps.generate.preview(role, projectId, shotId, generationOf(input, i), accountId);
          if (preview.estimate) {
            spendShown = true;
            const cost = micros(preview.estimate.total);
            if (preview.refusals.length === 0)
              preview.refusals.push(...batchRefusals({ totalMicros: cost, aheadMicros: ahead, remainingMicros: balance.remainingMicros, currency: project.currency, limits }));
            if (preview.refusals.length === 0) {
              total += cost;
              // A take waiting for sign-off holds nothing until it is signed off.
              if (!preview.signOff) ahead += cost;
            }
          }
          if (preview.refusals.length === 0) sendable += 1;
          models.push({ provider: t.provider as never, model: t.model, label, preview, error: null });
        } catch (e) {
          if (!(e instanceof DomainError)) throw e;
          models.push({ provider: t.provider as never, model: t.model, label, preview: null, error: pairError(i, name, e) });
        }
      }
      return {
        planVersion: shot.planVersion,
        models,
        sendable,
        estimate: spendShown ? { total: formatAmount(total), currency: project.currency, remaining: formatAmount(Math.max(0, balance.remainingMicros)) } : undefined,
      };
    },

    /**
     * Asks for one take from each pair, in the order given, each checked, reserved and queued in
     * its own transaction. A pair refused (its settings, the policy, the budget, a missing key)
     * reports why and holds nothing; the others go ahead. `unexpected` hears any other failure,
     * which is reported on its pair without its details.
     */
    async generate(actor: Actor & { accountId: string }, role: Role, projectId: string, shotId: string, input: Parsed, unexpected: (error: unknown) => void): Promise<AcrossPairOutcome[]> {
      await shotOrThrow(projectId, shotId);
      const labelOf = await labelsFor(projectId);
      const outcomes: AcrossPairOutcome[] = [];
      for (const [i, t] of input.targets.entries()) {
        const label = labelOf(t.provider, t.model);
        const name = pairName(label, t.provider, t.model);
        try {
          const takes = await deps.generate.generate(actor, role, projectId, shotId, generationOf(input, i));
          outcomes.push({ provider: t.provider, model: t.model, label, takes, error: null });
        } catch (e) {
          if (!(e instanceof DomainError)) unexpected(e);
          const error =
            e instanceof DomainError
              ? pairError(i, name, e)
              : { code: 'internal', message: `${name}: Backlot could not ask for this take because of an unexpected error (the server log has it); nothing was reserved for it.` };
          outcomes.push({ provider: t.provider, model: t.model, label, takes: [], error });
        }
      }
      return outcomes;
    },
  };
}

export type AcrossService = ReturnType<typeof createAcrossService>;
