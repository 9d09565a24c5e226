/**
 * Takes in and out of the library: a clip made outside Backlot imported as an external take (its
 * cost settled in the ledger), and a frame of a take — or the whole take — saved as a new version
 * of a reference, so one shot's last frame can anchor the next.
 */
import type { AssetKind } from '@backlot/contracts';
import { projectChain } from '../../domain/audit/audit-chain.ts';
import { fail } from '../../domain/errors.ts';
import { parseAmount, formatAmount } from '../../domain/project/project.rules.ts';
import type { BlobStore } from '../../ports/blob-store.ts';
import type { Clock } from '../../ports/clock.ts';
import type { Secrets } from '../../ports/crypto.ts';
import type { Ids } from '../../ports/ids.ts';
import type { MediaTools } from '../../ports/media-tools.ts';
import type { StagedFile, Staging } from '../../ports/staging.ts';
import type { Store } from '../../ports/store.ts';
import type { TakeRecord } from '../../ports/take-store.ts';
import type { TakeMediaTools } from '../../ports/take-media.ts';
import type { AssetsService } from '../assets/assets.service.ts';
import { appendAudit, type Actor } from '../audit/audit-append.ts';
import { takeCode } from './generate.service.ts';
import { loadGenerationContext } from './generation-context.ts';
import { announceTake } from './take-ledger.ts';
import { newTakeRecord } from './take-record.ts';
import type { TakeIngest } from './take-ingest.service.ts';

export interface TakeImportsDeps {
  store: Store;
  clock: Clock;
  ids: Ids;
  secrets: Secrets;
  blobs: BlobStore;
  media: MediaTools;
  takeMedia: TakeMediaTools;
  staging: Staging;
  ingest: TakeIngest;
  assets: AssetsService;
}

export interface ExternalTakeFields {
  provider: string;
  model: string;
  prompt: string;
  cost: string;
  seed?: number;
}

export function createTakeImports(deps: TakeImportsDeps) {
  return {
    /** Imports a clip as an external take of the shot: checked by content, ingested like any take, its cost settled. */
    async importExternal(actor: Actor, projectId: string, shotId: string, fields: ExternalTakeFields, file: StagedFile): Promise<TakeRecord> {
      // Refuses anything that is not a video by its content; ingest records the type the content shows.
      await deps.media.identify(file.path, ['video'], { purpose: 'an external take' });
      const costMicros = parseAmount(fields.cost, 'cost');
      const ctx = await loadGenerationContext(deps.store.read, projectId, shotId);
      const anchors = ctx.references
        .filter((r) => (r.compiler.role === 'start-frame' || r.compiler.role === 'end-frame') && r.file?.kind === 'image')
        .map((r) => ({ role: r.compiler.role as 'start-frame' | 'end-frame', sha256: r.file!.sha256, label: `${r.compiler.name} v${r.compiler.version} (${r.compiler.role})` }));
      const result = await deps.ingest.ingest(file.path, {
        project: ctx.project,
        shotId: ctx.shot.id,
        frames: ctx.shot.plan.targetFrames,
        aspect: deps.ingest.aspectFor(ctx.shot.plan.aspect, ctx.project),
        anchors,
      });
      return deps.store.transaction(async (tx) => {
        // The same lock generation takes before numbering takes, so an import and a generation never share a number.
        await tx.projects.lock(projectId);
        const now = deps.clock.now().toISOString();
        const id = deps.ids.next();
        const number = await tx.takes.nextNumber(ctx.shot.id);
        for (const b of result.blobs) await tx.blobs.record({ ...b, createdAt: now });
        const take = newTakeRecord(
          {
            id,
            projectId,
            shotId: ctx.shot.id,
            number,
            provider: fields.provider,
            model: fields.model,
            planVersion: ctx.shot.planVersion,
            currency: ctx.project.currency,
            requestedBy: actor.accountId ?? '',
            requestedByName: actor.name,
            external: true,
            status: 'succeeded',
            step: 'done',
            progress: 1,
            settings: { frames: result.media.proxyFrames, originalName: file.originalName },
            seed: fields.seed ?? null,
            prompt: fields.prompt,
            estimateMicros: costMicros,
            actualMicros: costMicros,
            estimateDetail: 'entered by hand (external take)',
            media: result.media,
            continuity: result.continuity,
            finishedAt: now,
            ingestMs: result.ms,
          },
          now,
        );
        await tx.takes.insert(take);
        await tx.takes.insertReferences(ctx.references.map((r) => ({ takeId: id, assetId: r.compiler.assetId, assetVersion: r.compiler.version, role: r.compiler.role })));
        await tx.ledger.append({
          id: deps.ids.next(),
          projectId,
          takeId: id,
          kind: 'settlement',
          amountMicros: costMicros,
          currency: ctx.project.currency,
          note: `${ctx.shot.code} ${takeCode(number)}: external take (${fields.provider} ${fields.model})`,
          createdAt: now,
        });
        await announceTake(tx, take, now);
        await appendAudit(tx, deps, {
          chain: projectChain(projectId),
          actor,
          action: 'take.imported',
          targetType: 'take',
          targetId: id,
          summary: `${actor.name} imported ${file.originalName ?? 'a clip'} as external take ${takeCode(number)} of ${ctx.shot.code} (${fields.provider} ${fields.model}, ${formatAmount(costMicros)} ${ctx.project.currency})`,
          data: { provider: fields.provider, model: fields.model, costMicros, sha256: result.media.originalSha256 },
        });
        return take;
      });
    },

    /**
     * Saves frame `frame` of the take's proxy (the project grid), or the whole original, as a new
     * version of a reference (or a new reference), marked as generated and carrying the rights
     * flags of the references that made the take.
     */
    async saveAsReference(actor: Actor, projectId: string, takeId: string, input: { frame?: number; assetId?: string; name?: string; kind?: string; note?: string }) {
      const take = (await deps.store.read.takes.findById(projectId, takeId)) ?? fail('take.not_found', 'No such take in this project.');
      if (!take.media || take.outputHidden) fail('take.no_media', 'This take has no picture to save yet.');
      const shot = await deps.store.read.shots.findById(projectId, take.shotId);
      const label = `${shot?.code ?? ''} ${takeCode(take.number)}`;
      if (input.frame !== undefined && input.frame >= take.media.proxyFrames) fail('request.invalid', `frame: ${label} has frames 0 to ${take.media.proxyFrames - 1}`, 'frame');
      const refs = await deps.store.read.takes.references([take.id]);
      const sources = await deps.store.read.assets.findMany(projectId, [...new Set(refs.map((r) => r.assetId))]);
      const flags = [...new Set(sources.flatMap((a) => a.flags))].sort();
      const scratch: string[] = [];
      try {
        let staged: StagedFile;
        if (input.frame !== undefined) {
          const proxy = await deps.staging.stage(await deps.blobs.get(take.media.proxySha256), null, 64 * 1024 ** 3);
          scratch.push(proxy.path);
          const png = deps.staging.scratchPath('.png');
          scratch.push(png);
          await deps.takeMedia.extractFrame(proxy.path, input.frame, png);
          staged = await deps.staging.stage(deps.staging.open(png), `${label.replace(' ', '_')}_f${String(input.frame).padStart(5, '0')}.png`, 512 * 1024 ** 2);
        } else {
          staged = await deps.staging.stage(await deps.blobs.get(take.media.originalSha256), `${label.replace(' ', '_')}.mp4`, 64 * 1024 ** 3);
        }
        scratch.push(staged.path);
        const asset = input.assetId
          ? await deps.assets.getOrThrow(projectId, input.assetId)
          : await deps.assets.create(actor, projectId, {
              kind: (input.kind ?? 'frame-anchor') as AssetKind,
              name: input.name!,
              notes: `Made from ${label}.`,
              tags: ['generated'],
              rightsSource: 'generated',
              flags,
            });
        const what = input.frame !== undefined ? `frame ${input.frame} of ${label}` : label;
        await deps.assets.addVersion(actor, projectId, asset.id, [{ view: 'main', staged }], input.note ?? `From ${what} (take ${take.id})`);
        if (input.assetId) await deps.assets.update(actor, projectId, asset.id, { rightsSource: 'generated', flags: [...new Set([...asset.flags, ...flags])].sort() });
        return deps.assets.getOrThrow(projectId, asset.id);
      } finally {
        await deps.staging.remove(...scratch);
      }
    },
  };
}

export type TakeImports = ReturnType<typeof createTakeImports>;
