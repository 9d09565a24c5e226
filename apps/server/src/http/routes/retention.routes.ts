/** Retention: the setting, the preview of what a purge would free, and the purge with its progress as NDJSON lines. */
import { ProjectParams, PurgeRetentionInput } from '@backlot/contracts';
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { fail } from '../../domain/errors.ts';
import { defineRoute } from '../define-route.ts';
import { actorOf, type RouteContext } from './context.ts';
import { answerWithProgress } from '../ndjson-progress.ts';

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
      await answerWithProgress(request, reply, 'result', (onProgress) => retention.purge(actorOf(request), request.params.projectId, parsed.data, onProgress), {
        log: 'retention purge failed',
        message: 'The purge stopped; the server log says why. Takes already purged stay purged; the others are intact.',
      });
    },
  );
}
