/** Takes: models, preview and generation, the takes of a shot, cancel, external takes, frames saved as references, and take media. */
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { ExternalTakeFields, ShotParams, TakeMediaParams, WebhookParams } from '@backlot/contracts';
import { fail } from '../../domain/errors.ts';
import { presentAsset } from '../../services/assets/asset-presenter.ts';
import { defineRoute } from '../define-route.ts';
import { readStagedMultipart } from '../multipart.ts';
import { sendBlob } from '../send-blob.ts';
import { actorOf, principalOf, roleOf, type RouteContext } from './context.ts';
import { MAX_UPLOAD_BYTES } from './assets.routes.ts';

/** The largest push a provider may send. */
const WEBHOOK_BODY_LIMIT = 1024 * 1024;

export function registerTakeRoutes(app: FastifyInstance, { services, staging }: RouteContext) {
  const { generate, takes, takeImports } = services;
  defineRoute(app, 'listModels', async ({ params }) => ({ models: await generate.models(params.projectId) }));

  defineRoute(app, 'previewGeneration', async ({ params, body, request }) => generate.preview(roleOf(request), params.projectId, params.shotId, body, actorOf(request).accountId));

  defineRoute(app, 'generate', async ({ params, body, request }) => {
    const preview = await generate.preview(roleOf(request), params.projectId, params.shotId, body, actorOf(request).accountId);
    const queued = await generate.generate(actorOf(request), roleOf(request), params.projectId, params.shotId, body);
    return { takes: await takes.present(params.projectId, roleOf(request), queued), preview };
  });

  // One plan across several providers: per pair a preview, then per pair an outcome.
  defineRoute(app, 'previewAcross', async ({ params, body, request }) => services.across.preview(roleOf(request), params.projectId, params.shotId, body, actorOf(request).accountId));
  defineRoute(app, 'generateAcross', async ({ params, body, request }) => {
    const outcomes = await services.across.generate(actorOf(request), roleOf(request), params.projectId, params.shotId, body, (err) =>
      request.log.error({ err }, 'a pair of a generation across providers failed unexpectedly'),
    );
    const presented = await takes.present(
      params.projectId,
      roleOf(request),
      outcomes.flatMap((o) => o.takes),
    );
    const byId = new Map(presented.map((t) => [t.id, t]));
    return { outcomes: outcomes.map((o) => ({ ...o, provider: o.provider as never, takes: o.takes.map((t) => byId.get(t.id)!) })) };
  });

  defineRoute(app, 'listTakes', async ({ params, query, request }) => ({
    takes: await takes.list(params.projectId, roleOf(request), params.shotId, query.status),
    best: await services.review.best(params.projectId, roleOf(request), params.shotId),
  }));

  defineRoute(app, 'takesAtRisk', async ({ params }) => ({ takes: await services.rights.takesAtRisk(params.projectId) }));
  defineRoute(app, 'listProjectTakes', async ({ params, query, request }) => takes.page(params.projectId, roleOf(request), query));
  defineRoute(app, 'listTakeFilters', async ({ params, request }) => ({ filters: await services.takeFilters.list(params.projectId, actorOf(request).accountId) }));
  defineRoute(app, 'saveTakeFilter', async ({ params, body, request }) => services.takeFilters.save(params.projectId, actorOf(request).accountId, roleOf(request), body));
  defineRoute(app, 'deleteTakeFilter', async ({ params, request }) => {
    await services.takeFilters.delete(params.projectId, actorOf(request).accountId, params.filterId);
    return { ok: true as const };
  });

  defineRoute(app, 'shotPosters', async ({ params, query, request }) => ({ posters: await takes.shotPosters(params.projectId, roleOf(request), query.sceneId) }));

  defineRoute(app, 'getTake', async ({ params, request }) => takes.get(params.projectId, roleOf(request), params.takeId));

  defineRoute(app, 'signOffTake', async ({ params, body, request }) => {
    await generate.signOff(actorOf(request), params.projectId, params.takeId, body);
    return takes.get(params.projectId, roleOf(request), params.takeId);
  });

  defineRoute(app, 'cancelTake', async ({ params, request }) => {
    await generate.cancel(actorOf(request), params.projectId, params.takeId);
    return takes.get(params.projectId, roleOf(request), params.takeId);
  });

  defineRoute(app, 'saveTakeAsAsset', async ({ params, body, request }) => {
    if (body.name && !body.kind) fail('request.invalid', 'kind: a new reference needs a kind', 'kind');
    const asset = await takeImports.saveAsReference(actorOf(request), params.projectId, params.takeId, body);
    const [x] = await services.assets.many(params.projectId, [asset.id]);
    const risk = await services.rights.riskOf([x.asset]);
    return presentAsset(x.asset, risk.get(x.asset.id)!, x.cover);
  });

  // An external take: one video file ("file") and its details as fields, checked by content.
  app.post<{ Params: z.infer<typeof ShotParams> }>(
    '/api/v1/projects/:projectId/shots/:shotId/takes/external',
    {
      config: { action: 'take.generate' },
      schema: { summary: 'Import a clip made outside Backlot as an external take (multipart: file, provider, model, prompt, cost, seed)', tags: ['projects'], params: ShotParams },
    },
    async (request, reply) => {
      const { files, fields } = await readStagedMultipart(request, staging, MAX_UPLOAD_BYTES);
      try {
        const file = files.find((f) => f.field === 'file') ?? fail('request.invalid', 'file: attach the clip as the part named "file"', 'file');
        const parsed = ExternalTakeFields.safeParse(fields);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          fail('request.invalid', `${issue.path.join('.')}: ${issue.message.replace(/^Invalid input: /, '')}`, issue.path.join('.'));
        }
        const take = await takeImports.importExternal(actorOf(request), request.params.projectId, request.params.shotId, parsed.data, file.staged);
        return reply.status(201).send((await takes.present(request.params.projectId, roleOf(request), [take]))[0]);
      } finally {
        await staging.remove(...files.map((f) => f.staged.path));
      }
    },
  );

  // A provider's callback: public, but only with the take's own secret in the address; it only wakes the worker.
  // Providers that sign their pushes (fal, Replicate) have the exact bytes checked; a push that fails is refused and logged.
  const rawBodies = new WeakMap<object, Buffer>();
  app.post<{ Params: z.infer<typeof WebhookParams> }>(
    '/api/v1/webhooks/takes/:takeId/:secret',
    {
      config: { action: 'public.webhook' },
      bodyLimit: WEBHOOK_BODY_LIMIT,
      preParsing: async (request, _reply, payload) => {
        const chunks: Buffer[] = [];
        let size = 0;
        for await (const chunk of payload) {
          size += (chunk as Buffer).length;
          if (size > WEBHOOK_BODY_LIMIT) fail('request.too_large', 'The request body is too large.');
          chunks.push(chunk as Buffer);
        }
        const raw = Buffer.concat(chunks);
        rawBodies.set(request, raw);
        return Readable.from([raw]);
      },
      schema: { summary: "A provider's callback for one take (the take's secret is in the address)", tags: ['webhooks'], params: WebhookParams },
    },
    async (request, reply) => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(request.headers)) if (typeof value === 'string') headers.set(name, value);
      const push = { headers, rawBody: rawBodies.get(request) ?? Buffer.alloc(0), url: new URL(request.url, 'http://backlot.invalid') };
      const outcome = await services.takeJobs.webhook(request.params.takeId, request.params.secret, push);
      if (outcome === 'not_found') fail('take.not_found', 'No such take.');
      if (outcome !== 'accepted') {
        request.log.warn({ take: request.params.takeId, reason: outcome.refused }, 'provider webhook refused');
        fail('webhook.signature_invalid', `The push does not verify as coming from the provider: ${outcome.refused}.`);
      }
      services.wakeWorker();
      return reply.status(202).send({ accepted: true });
    },
  );

  // A take's files (original, proxy, poster, filmstrip, continuity frames), to those who may see the take, with Range.
  app.get<{ Params: z.infer<typeof TakeMediaParams> }>(
    '/api/v1/projects/:projectId/takes/:takeId/media/:sha256',
    { config: { action: 'take.read' }, schema: { summary: "A take's file, with Range support", tags: ['projects'], params: TakeMediaParams } },
    async (request, reply) => {
      const { projectId, takeId, sha256 } = request.params;
      await takes.assertFile(projectId, roleOf(request), takeId, sha256, principalOf(request).account.id);
      const stat = (await services.media.stat(sha256)) ?? fail('blob.not_found', 'The file is recorded but missing from storage; ask the admin to check the media store.');
      return sendBlob(services, request, reply, sha256, stat.size);
    },
  );
}
