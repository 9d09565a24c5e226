/** Provider keys: a project's own (owners) and the instance's (the instance admin). Keys go in and never come out. */
import type { FastifyInstance } from 'fastify';
import { defineRoute } from '../define-route.ts';
import { actorOf, type RouteContext } from './context.ts';

export function registerProviderKeyRoutes(app: FastifyInstance, { services }: RouteContext) {
  const keys = services.providerKeys;
  const project = (projectId: string) => ({ kind: 'project', projectId }) as const;
  const instance = { kind: 'instance' } as const;

  defineRoute(app, 'listProviderKeys', async ({ params }) => keys.listForProject(params.projectId));

  defineRoute(app, 'setProviderKey', async ({ params, body, request }) => keys.set(actorOf(request), project(params.projectId), params.provider, body.secret, body.assetKey));

  defineRoute(app, 'deleteProviderKey', async ({ params, request }) => {
    await keys.remove(actorOf(request), project(params.projectId), params.provider);
    return { ok: true as const };
  });

  defineRoute(app, 'testProviderKey', async ({ params, request }) => keys.test(actorOf(request), project(params.projectId), params.provider));

  defineRoute(app, 'listInstanceProviderKeys', async () => keys.listInstance());

  defineRoute(app, 'setInstanceProviderKey', async ({ params, body, request }) => keys.set(actorOf(request), instance, params.provider, body.secret, body.assetKey));

  defineRoute(app, 'deleteInstanceProviderKey', async ({ params, request }) => {
    await keys.remove(actorOf(request), instance, params.provider);
    return { ok: true as const };
  });

  defineRoute(app, 'testInstanceProviderKey', async ({ params, request }) => keys.test(actorOf(request), instance, params.provider));
}
