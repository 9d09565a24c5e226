/** Editorial handoff: the package's contents before writing, the package as a streamed zip, and an editor's cut read back and applied. */
import { HandoffQuery, ProjectParams } from '@backlot/contracts';
import type { FastifyInstance } from 'fastify';
import { defineRoute } from '../define-route.ts';
import { actorOf, roleOf, type RouteContext } from './context.ts';

export function registerHandoffRoutes(app: FastifyInstance, { services }: RouteContext) {
  defineRoute(app, 'handoffPreview', async ({ params, query, request }) => services.handoff.preview(params.projectId, roleOf(request), query));

  defineRoute(app, 'previewCut', async ({ params, body, request }) => services.cuts.preview(params.projectId, roleOf(request), body));

  defineRoute(app, 'applyCut', async ({ params, body, request }) => services.cuts.apply(actorOf(request), roleOf(request), params.projectId, body));
}

/** The package: a zip streamed as it is written, not JSON, so it is registered here with its action rather than from the endpoint table. */
export function registerHandoffZipRoutes(app: FastifyInstance, { services }: RouteContext) {
  app.get<{ Params: { projectId: string }; Querystring: HandoffQuery }>(
    '/api/v1/projects/:projectId/handoff.zip',
    {
      config: { action: 'handoff.export' },
      schema: {
        summary: 'The handoff package as a zip (media under predictable names, OTIO, EDL, FCPXML, MLT, manifest), streamed; the same query as the preview; audited',
        tags: ['projects'],
        params: ProjectParams,
        querystring: HandoffQuery,
      },
    },
    async (request, reply) => {
      const { fileName, stream, size } = await services.handoff.exportZip(actorOf(request), roleOf(request), request.params.projectId, request.query);
      const bytes = await size;
      if (bytes !== null) reply.header('content-length', bytes);
      return reply.type('application/zip').header('content-disposition', `attachment; filename="${fileName}"`).send(stream);
    },
  );
}
