/** Retention: the setting, the preview of what a purge would free, and the purge with its progress as NDJSON lines. */
import { ProjectParams, PurgeRetentionInput, type RetentionPurgeLine } from '@backlot/contracts';
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { fail } from '../../domain/errors.ts';
import { defineRoute } from '../define-route.ts';
import { actorOf, type RouteContext } from './context.ts';

export function registerRetentionRoutes(app: FastifyInstance, { services }: RouteContext) {
  const { retention } = services;

  defineRoute(app, 'retentionPreview', async ({ params }) => retention.preview(params.projectId));
  defineRoute(app, 'setRetention', async ({ params, body, request }) => retention.setSetting(actorOf(request), params.projectId, body));

  // The purge of the takes a preview listed: NDJSON lines {"progress"} after each batch, then {"result"} or {"error"}.
  app.post<{ Params: z.infer<typeof ProjectParams> }>(
    '/api/v1/projects/:projectId/retention/purge',
    {
      config: { action: 'retention.manage' },
      schema: {
        summary: 'Purge the media of the rejected takes a preview listed (body {takeIds}); each is checked again; audited. NDJSON lines {"progress"} then {"result"} or {"error"}',
        tags: ['projects'],
        params: ProjectParams,
      },
    },
    async (request, reply) => {
      const parsed = PurgeRetentionInput.safeParse(request.body ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const field = issue.path.join('.') || 'takeIds';
        fail('request.invalid', `${field}: ${issue.message.replace(/^Invalid input: /, '')}`, field);
      }
      let streaming = false;
      const line = (value: RetentionPurgeLine) => reply.raw.write(`${JSON.stringify(value)}\n`);
      const start = () => {
        if (streaming) return;
        streaming = true;
        reply.hijack();
        reply.raw.writeHead(200, { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-cache, no-transform', 'x-accel-buffering': 'no' });
      };
      try {
        const result = await retention.purge(actorOf(request), request.params.projectId, parsed.data, (progress) => {
          start();
          line({ progress });
        });
        start();
        line({ result });
      } catch (err) {
        // Before the first line the error is answered as any other; after it, as the last line.
        if (!streaming) throw err;
        const e = err as { code?: string; message?: string };
        request.log.error({ err }, 'retention purge failed');
        line({ error: { code: e.code ?? 'internal', message: e.code ? (e.message ?? '') : 'The purge stopped; the server log says why. Takes already purged stay purged; the others are intact.' } });
      }
      reply.raw.end();
    },
  );
}
