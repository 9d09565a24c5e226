/** References: the library, uploads (multipart, streamed), locks, clearance and consent, media with Range, references on shots. */
import { AssetParams, AssetVersionFields, ConsentInput, MediaParams, MediaQuery, type ReferenceRole } from '@backlot/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { fail } from '../../domain/errors.ts';
import { mediaUrl, presentAsset, presentFile } from '../../services/assets/asset-presenter.ts';
import { defineRoute } from '../define-route.ts';
import { readStagedMultipart } from '../multipart.ts';
import { sendBlob } from '../send-blob.ts';
import { actorOf, type RouteContext } from './context.ts';

/** The largest file one upload may carry (originals of reference video can be large). */
export const MAX_UPLOAD_BYTES = 4 * 1024 ** 3;

export function registerAssetRoutes(app: FastifyInstance, { services, staging }: RouteContext) {
  const { assets, rights, references } = services;

  const presentMany = async (list: Awaited<ReturnType<typeof assets.list>>) => {
    const risk = await rights.riskOf(list.map((x) => x.asset));
    return list.map(({ asset, cover }) => presentAsset(asset, risk.get(asset.id)!, cover));
  };
  const presentOne = async (projectId: string, assetId: string) => {
    const d = await assets.detail(projectId, assetId);
    return (await presentMany([{ asset: d.asset, cover: d.cover }]))[0];
  };

  defineRoute(app, 'listAssets', async ({ params, query }) => ({ assets: await presentMany(await assets.list(params.projectId, query)) }));

  defineRoute(app, 'createAsset', async ({ params, body, request }) => {
    const asset = await assets.create(actorOf(request), params.projectId, body);
    return presentOne(params.projectId, asset.id);
  });

  /** Everything on the asset page; consents with their withdrawal and history of changes. */
  const detailOf = async (projectId: string, assetId: string) => {
    const d = await assets.detail(projectId, assetId);
    const risk = (await rights.riskOf([d.asset])).get(d.asset.id)!;
    const today = rights.today();
    const consents = await rights.consentsWithHistory(assetId);
    return {
      asset: presentAsset(d.asset, risk, d.cover),
      versions: d.versions.map((v) => ({
        version: v.version,
        createdAt: v.createdAt,
        createdBy: v.createdBy,
        note: v.note,
        files: d.files.filter((f) => f.version === v.version).map((f) => presentFile(projectId, f)),
      })),
      consents: consents.map(({ consent: c, changes, providerAssets }) => ({
        id: c.id,
        person: c.person,
        scope: c.scope,
        expiresOn: c.expiresOn,
        documentName: c.documentName,
        hasDocument: c.documentSha256 !== null,
        documentUrl: c.documentSha256 ? mediaUrl(projectId, c.documentSha256) : null,
        recordedBy: c.recordedBy,
        recordedAt: c.recordedAt,
        expired: c.expiresOn < today,
        withdrawn: c.withdrawnAt ? { at: c.withdrawnAt, by: c.withdrawnBy ?? '', reason: c.withdrawalReason ?? '' } : null,
        providerAssets: providerAssets.map((p) => ({
          provider: p.provider,
          state: p.state,
          assetId: p.assetId,
          registeredAt: p.registeredAt,
          deletedAt: p.deletedAt,
          failure: p.failure,
          deleteAttempts: p.deleteAttempts,
          deleteError: p.deleteError,
        })),
        history: changes.map((x) => ({ action: x.action, changes: x.changes, reason: x.reason, by: x.actorName, at: x.at })),
      })),
      clearanceHistory: d.history.map((e) => ({ from: e.from, to: e.to, reason: e.reason, by: e.actorName, at: e.at })),
      usage: d.usage.map((u) => ({ shotId: u.shotId, code: u.code, version: u.assetVersion, role: u.role })),
    };
  };

  defineRoute(app, 'getAsset', async ({ params }) => detailOf(params.projectId, params.assetId));

  defineRoute(app, 'editConsent', async ({ params, body, request }) => {
    await rights.editConsent(actorOf(request), params.projectId, params.assetId, params.consentId, body);
    return detailOf(params.projectId, params.assetId);
  });

  defineRoute(app, 'withdrawConsent', async ({ params, body, request }) => {
    await rights.withdrawConsent(actorOf(request), params.projectId, params.assetId, params.consentId, body.reason);
    return detailOf(params.projectId, params.assetId);
  });

  defineRoute(app, 'updateAsset', async ({ params, body, request }) => {
    await assets.update(actorOf(request), params.projectId, params.assetId, body);
    return presentOne(params.projectId, params.assetId);
  });

  defineRoute(app, 'removeAsset', async ({ params, request }) => {
    await assets.removeEmpty(actorOf(request), params.projectId, params.assetId);
    return { ok: true as const };
  });

  defineRoute(app, 'lockAsset', async ({ params, body, request }) => {
    await assets.lock(actorOf(request), params.projectId, params.assetId, body.version);
    return presentOne(params.projectId, params.assetId);
  });

  defineRoute(app, 'setClearance', async ({ params, body, request }) => {
    await rights.setClearance(actorOf(request), params.projectId, params.assetId, body.clearance, body.reason);
    return presentOne(params.projectId, params.assetId);
  });

  const shotRefs = async (projectId: string, shotId: string) => {
    const shot = await services.shots.get(projectId, shotId);
    const refs = await references.list(projectId, shotId);
    const list = await assets.many(
      projectId,
      refs.map((r) => r.assetId),
    );
    const byId = new Map(list.map((x) => [x.asset.id, x]));
    const risk = await rights.riskOf(list.map((x) => x.asset));
    return {
      planVersion: shot.planVersion,
      references: refs.flatMap((r) => {
        const x = byId.get(r.assetId);
        if (!x) return [];
        return [
          {
            assetId: r.assetId,
            name: x.asset.name,
            kind: x.asset.kind as never,
            version: r.assetVersion,
            role: r.role as ReferenceRole,
            lockedVersion: x.asset.lockedVersion,
            clearance: x.asset.clearance,
            rights: risk.get(r.assetId)!,
            thumbnailUrl: x.cover?.thumbnailSha256 ? mediaUrl(projectId, x.cover.thumbnailSha256) : null,
          },
        ];
      }),
    };
  };

  defineRoute(app, 'shotReferences', async ({ params }) => shotRefs(params.projectId, params.shotId));

  defineRoute(app, 'setShotReferences', async ({ params, body, request }) => {
    await references.set(actorOf(request), params.projectId, params.shotId, body.references, body.baseVersion);
    return shotRefs(params.projectId, params.shotId);
  });

  const readMultipart = (request: FastifyRequest) => readStagedMultipart(request, staging, MAX_UPLOAD_BYTES);

  // Uploads a version: each file part is a view (field name "main", or "front", "side", "back" for a sheet).
  app.post<{ Params: z.infer<typeof AssetParams> }>(
    '/api/v1/projects/:projectId/assets/:assetId/versions',
    { config: { action: 'asset.edit' }, schema: { summary: 'Upload a new version (multipart: one file per view, optional "note")', tags: ['projects'], params: AssetParams } },
    async (request, reply) => {
      const { files, fields } = await readMultipart(request);
      try {
        const parsed = AssetVersionFields.safeParse(fields);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          fail('request.invalid', `${issue.path.join('.')}: ${issue.message.replace(/^Invalid input: /, '')}`, issue.path.join('.'));
        }
        const { version } = await assets.addVersion(
          actorOf(request),
          request.params.projectId,
          request.params.assetId,
          files.map((f) => ({ view: f.field === 'file' ? 'main' : f.field, staged: f.staged })),
          parsed.data.note,
        );
        return reply.status(201).send({ version, asset: await presentOne(request.params.projectId, request.params.assetId) });
      } finally {
        await staging.remove(...files.map((f) => f.staged.path));
      }
    },
  );

  // Records a consent: fields person, scope, expiresOn; the signed document as the file part "document".
  app.post<{ Params: z.infer<typeof AssetParams> }>(
    '/api/v1/projects/:projectId/assets/:assetId/consents',
    { config: { action: 'clearance.manage' }, schema: { summary: "Record a real person's consent (multipart: person, scope, expiresOn, document)", tags: ['projects'], params: AssetParams } },
    async (request, reply) => {
      const { files, fields } = await readMultipart(request);
      const parsed = ConsentInput.safeParse(fields);
      if (!parsed.success) {
        await staging.remove(...files.map((f) => f.staged.path));
        const issue = parsed.error.issues[0];
        fail('request.invalid', `${issue.path.join('.')}: ${issue.message.replace(/^Invalid input: /, '')}`, issue.path.join('.'));
      }
      const consent = await rights.recordConsent(actorOf(request), request.params.projectId, request.params.assetId, parsed.data, files.find((f) => f.field === 'document')?.staged);
      await staging.remove(...files.map((f) => f.staged.path));
      return reply.status(201).send({ id: consent.id, asset: await presentOne(request.params.projectId, request.params.assetId) });
    },
  );

  // Media of a project, to its members only; Range requests let video seek without downloading it all.
  app.get<{ Params: z.infer<typeof MediaParams>; Querystring: z.infer<typeof MediaQuery> }>(
    '/api/v1/projects/:projectId/media/:sha256',
    { config: { action: 'project.read' }, schema: { summary: 'A stored file (originals, posters, thumbnails), with Range support', tags: ['projects'], params: MediaParams, querystring: MediaQuery } },
    async (request, reply) => {
      const { projectId, sha256 } = request.params;
      if (!(await assets.blobInProject(projectId, sha256))) fail('blob.not_found', 'No such file in this project.');
      const stat = await services.media.stat(sha256);
      if (!stat) fail('blob.not_found', 'The file is recorded but missing from storage; ask the admin to check the media store.');
      if (request.query.download) {
        await assets.auditDownload(actorOf(request), projectId, sha256);
        const name = (await assets.originalName(projectId, sha256)) ?? sha256.slice(0, 16);
        reply.header('content-disposition', `attachment; filename="${name.replace(/[^\w.() -]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`);
      }
      return sendBlob(services, request, reply, sha256, stat.size);
    },
  );
}
