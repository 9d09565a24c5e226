/** Spend: the price catalog, how estimates compare with actual costs, and budgets and caps. */
import type { FastifyInstance } from 'fastify';
import { defineRoute } from '../define-route.ts';
import { actorOf, type RouteContext } from './context.ts';

export function registerSpendRoutes(app: FastifyInstance, { services }: RouteContext) {
  defineRoute(app, 'listPrices', async ({ params }) => services.prices.catalog(params.projectId));

  defineRoute(app, 'setPrice', async ({ params, body, request }) => services.prices.set(actorOf(request), params.projectId, body));

  defineRoute(app, 'spendDrift', async ({ params }) => services.prices.drift(params.projectId));

  defineRoute(app, 'getBudgets', async ({ params }) => services.limits.overview(params.projectId));

  defineRoute(app, 'setSceneBudget', async ({ params, body, request }) => services.limits.setSceneBudget(actorOf(request), params.projectId, params.sceneId, body));

  defineRoute(app, 'setSpendCap', async ({ params, body, request }) => services.limits.setCap(actorOf(request), params.projectId, body));
}
