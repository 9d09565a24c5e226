/** Registers a route from the contracts' endpoint table: its schemas, its action, one handler. */
import { endpoints, type EndpointName, type Endpoints } from '@backlot/contracts';
import type { CallOutput } from '@backlot/contracts/client';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';

type Out<T> = T extends z.ZodType ? z.output<T> : undefined;

export interface RouteInput<N extends EndpointName> {
  params: Endpoints[N] extends { params: infer P } ? Out<P> : Record<string, never>;
  query: Endpoints[N] extends { query: infer Q } ? Out<Q> : Record<string, never>;
  body: Endpoints[N] extends { body: infer B } ? Out<B> : undefined;
  request: FastifyRequest;
  reply: FastifyReply;
}

/** Parse (schemas), authorize (the hook reads the action), call a service and present: the handler does the last two. */
export function defineRoute<N extends EndpointName>(app: FastifyInstance, name: N, handler: (input: RouteInput<N>) => Promise<CallOutput<N>>) {
  const e = endpoints[name] as Endpoints[N] & { params?: z.ZodType; query?: z.ZodType; body?: z.ZodType; status?: number; bodyLimit?: number; response: z.ZodType };
  const status = e.status ?? 200;
  app.route({
    method: e.method,
    url: `/api/v1${e.path}`,
    config: { action: e.action },
    ...(e.bodyLimit ? { bodyLimit: e.bodyLimit } : {}),
    schema: {
      operationId: name,
      summary: e.summary,
      tags: [e.path.split('/')[1] ?? 'api'],
      ...(e.params ? { params: e.params } : {}),
      ...(e.query ? { querystring: e.query } : {}),
      ...(e.body ? { body: e.body } : {}),
      response: { [status]: e.response },
    },
    handler: async (request, reply) => {
      const result = await handler({
        params: request.params as never,
        query: request.query as never,
        body: request.body as never,
        request,
        reply,
      });
      return reply.status(status).send(result);
    },
  });
}
