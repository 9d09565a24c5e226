/** The archive bundle (issue 19): the whole project streamed as one zip as it is written, for owners; audited. */
import { PassThrough } from 'node:stream';
import { ProjectParams } from '@backlot/contracts';
import type { FastifyInstance } from 'fastify';
import { actorOf, type RouteContext } from './context.ts';

/** A zip streamed as it is written, not JSON, so it is registered here with its action rather than from the endpoint table. */
export function registerArchiveRoutes(app: FastifyInstance, { services }: RouteContext) {
  app.get<{ Params: { projectId: string } }>(
    '/api/v1/projects/:projectId/archive.zip',
    {
      config: { action: 'archive.export' },
      schema: {
        summary:
          "The project's archive bundle, streamed: records as JSON lines, every referenced blob under its SHA-256, the audit chain, members (as the invitations they come back as), a README and a manifest hashing every file; no keys, password hashes, sessions or tokens; audited",
        tags: ['projects'],
        params: ProjectParams,
      },
    },
    async (request, reply) => {
      const fileName = await services.archive.bundleName(request.params.projectId);
      const out = new PassThrough();
      services.archive.exportBundle(actorOf(request), request.params.projectId, out).catch((err: unknown) => {
        request.log.error({ err }, 'archive export failed');
        out.destroy(err instanceof Error ? err : new Error(String(err)));
      });
      return reply.type('application/zip').header('content-disposition', `attachment; filename="${fileName}"`).send(out);
    },
  );
}
