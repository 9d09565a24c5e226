/** Spend: the project's price catalog and how estimates compare with actual costs. */
import type { FastifyInstance } from 'fastify';
import { defineRoute } from '../define-route.ts';
import { actorOf, type RouteContext } from './context.ts';

export function registerSpendRoutes(app: FastifyInstance, { services }: RouteContext) {
  defineRoute(app, 'listPrices', async ({ params }) => services.prices.catalog(params.projectId));

  defineRoute(app, 'setPrice', async ({ params, body, request }) => services.prices.set(actorOf(request), params.projectId, body));

  defineRoute(app, 'spendDrift', async ({ params }) => services.prices.drift(params.projectId));
}
