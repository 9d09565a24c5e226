/**
 * A project's live events as Server-Sent Events. A stream stays open for hours, so the access it
 * was opened with is not trusted for long: each event is filtered by the listener's access as it
 * is when the event arrives, and the stream ends once the session or token, the account or the
 * membership has ended. Access is read again from the database rather than announced, so a
 * change made by any server process reaches every stream.
 */
import type { ProjectEvent, Role } from '@backlot/contracts';
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { ProjectParams } from '@backlot/contracts';
import { roleMay } from '../../domain/permissions/permissions.ts';
import { principalOf, type RouteContext } from './context.ts';

/** How often an open stream checks that its listener may still listen, when no event asks sooner. */
export const ACCESS_RECHECK_MS = 2_000;

export function registerEventRoutes(app: FastifyInstance, { services, events }: RouteContext) {
  // Event streams never end by themselves: the server closes those still open when it closes.
  const open = new Set<() => void>();
  app.addHook('onClose', async () => {
    for (const end of [...open]) end();
  });

  app.get<{ Params: z.infer<typeof ProjectParams> }>(
    '/api/v1/projects/:projectId/events',
    { config: { action: 'take.read' }, schema: { summary: "The project's live events (Server-Sent Events: take.changed; dailies.presenter, dailies.presence and dailies.changed of the sessions you attend)", tags: ['projects'], params: ProjectParams } },
    async (request, reply) => {
      const { projectId } = request.params;
      const principal = principalOf(request);

      /** The listener's role now; none once the credential, the account or the membership has ended. */
      const currentRole = async (): Promise<Role | undefined> => {
        const account = await services.auth.stillSignedIn(principal);
        const access = account && (await services.projects.access(projectId, account.id));
        return access && roleMay(access.role, 'take.read') ? access.role : undefined;
      };

      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
      res.write(`retry: 2000\n: connected\n\n`);

      // Events are sent in the order they came, a batch at a time; a batch is judged by access read
      // after its last event arrived, so nothing is let through on a role older than the event.
      let queue: ProjectEvent[] = [];
      let draining = false;
      const drain = async () => {
        if (draining) return;
        draining = true;
        try {
          while (queue.length && !res.writableEnded) {
            const batch = queue;
            queue = [];
            const role = await currentRole();
            if (!role) return end();
            // Whether the listener follows a dailies room, asked once per session and batch.
            const follows = new Map<string, Promise<boolean>>();
            const mayFollow = (sessionId: string) => {
              if (!follows.has(sessionId)) follows.set(sessionId, services.dailies.mayFollow(projectId, principal.account.id, role, sessionId));
              return follows.get(sessionId)!;
            };
            for (const event of batch) {
              const shown = event.type === 'take.changed' ? await services.takes.visible(projectId, role, event.takeId) : await mayFollow(event.sessionId);
              if (shown && !res.writableEnded) res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
            }
          }
        } finally {
          draining = false;
        }
      };
      // When access cannot be read, the stream ends rather than guess; the browser reconnects.
      const failed = (err: unknown) => {
        request.log.warn({ err }, 'event stream ended: access could not be checked');
        end();
      };
      const unsubscribe = events.subscribe(projectId, (event) => {
        queue.push(event);
        drain().catch(failed);
      });
      const recheck = setInterval(() => {
        currentRole().then((role) => role || end(), failed);
      }, ACCESS_RECHECK_MS);
      // A comment now and then keeps proxies from closing an idle stream.
      const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
      const end = () => {
        clearInterval(ping);
        clearInterval(recheck);
        unsubscribe();
        open.delete(end);
        if (!res.writableEnded) res.end();
      };
      open.add(end);
      request.raw.on('close', end);
      res.on('close', end);
    },
  );
}
