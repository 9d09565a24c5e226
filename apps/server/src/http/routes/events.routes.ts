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
import type { Principal } from '../../services/accounts/auth.service.ts';
import { principalOf, type RouteContext } from './context.ts';

/** How often an open stream checks that its listener may still listen, when no event asks sooner. */
export const ACCESS_RECHECK_MS = 2_000;

/**
 * Runs the checks that streams ask for in the same turn of the event loop as one batch, started
 * after every ask: an event reaches every stream of its project at once, and a room of a hundred
 * attendees then costs a few queries instead of a few hundred. Each answer is still read after
 * the event arrived.
 */
function batched<K, A, R>(run: (key: K, asks: A[]) => Promise<R[]>): (key: K, ask: A) => Promise<R> {
  let pending = new Map<K, { ask: A; ok: (r: R) => void; fail: (e: unknown) => void }[]>();
  let scheduled = false;
  const flush = () => {
    const batch = pending;
    pending = new Map();
    scheduled = false;
    for (const [key, waiting] of batch) {
      run(
        key,
        waiting.map((w) => w.ask),
      ).then(
        (answers) => waiting.forEach((w, i) => w.ok(answers[i])),
        (e) => waiting.forEach((w) => w.fail(e)),
      );
    }
  };
  return (key, ask) =>
    new Promise<R>((ok, fail) => {
      const list = pending.get(key) ?? [];
      list.push({ ask, ok, fail });
      pending.set(key, list);
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    });
}

export function registerEventRoutes(app: FastifyInstance, { services, events }: RouteContext) {
  // Event streams never end by themselves: the server ends those still open as it starts closing
  // (preClose: onClose runs only once every request has finished, which a stream never does).
  const open = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const end of [...open]) end();
  });

  /** Listeners' roles in a project now (none once the credential, the account or the membership has ended), for every stream asking at once. */
  const rolesNow = batched(async (projectId: string, principals: Principal[]): Promise<(Role | undefined)[]> => {
    const accounts = await services.auth.stillSignedInMany(principals);
    const access = await services.projects.accessMany(
      projectId,
      accounts.flatMap((a) => (a ? [a.id] : [])),
    );
    return accounts.map((a) => {
      const role = a && access.get(a.id)?.role;
      return role && roleMay(role, 'take.read') ? role : undefined;
    });
  });
  /** Whether each listener follows a dailies session's room, for every stream asking at once. */
  const followsNow = batched(async (sessionId: string, asks: { accountId: string; role: Role }[]): Promise<boolean[]> => {
    const followers = await services.dailies.followersAmong(sessionId, asks);
    return asks.map((a) => followers.has(a.accountId));
  });

  app.get<{ Params: z.infer<typeof ProjectParams> }>(
    '/api/v1/projects/:projectId/events',
    {
      config: { action: 'take.read' },
      schema: {
        summary: "The project's live events (Server-Sent Events: take.changed; dailies.presenter, dailies.presence and dailies.changed of the sessions you attend)",
        tags: ['projects'],
        params: ProjectParams,
      },
    },
    async (request, reply) => {
      const { projectId } = request.params;
      const principal = principalOf(request);

      /** The listener's role now; none once the credential, the account or the membership has ended. */
      const currentRole = (): Promise<Role | undefined> => rolesNow(projectId, principal);

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
              if (!follows.has(sessionId)) follows.set(sessionId, followsNow(sessionId, { accountId: principal.account.id, role }));
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
