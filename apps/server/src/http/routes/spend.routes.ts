/** Spend: the price catalog, how estimates compare with actual costs, and budgets and caps. */
import { Readable } from 'node:stream';
import { PriceParams } from '@backlot/contracts';
import type { FastifyInstance } from 'fastify';
import { defineRoute } from '../define-route.ts';
import { actorOf, type RouteContext } from './context.ts';

export function registerSpendRoutes(app: FastifyInstance, { services }: RouteContext) {
  defineRoute(app, 'listPrices', async ({ params }) => services.prices.catalog(params.projectId));

  defineRoute(app, 'setPrice', async ({ params, body, request }) => services.prices.set(actorOf(request), params.projectId, body));

  defineRoute(app, 'spendView', async ({ params, query }) => services.spend.view(params.projectId, query.by));

  defineRoute(app, 'spendDrift', async ({ params }) => services.prices.drift(params.projectId));

  defineRoute(app, 'getBudgets', async ({ params }) => services.limits.overview(params.projectId));

  defineRoute(app, 'setSceneBudget', async ({ params, body, request }) => services.limits.setSceneBudget(actorOf(request), params.projectId, params.sceneId, body));

  defineRoute(app, 'setSpendCap', async ({ params, body, request }) => services.limits.setCap(actorOf(request), params.projectId, body));
}

/** The per-take spend export: a streamed CSV file, not JSON, so it is registered here with its action rather than from the endpoint table. */
export function registerSpendExportRoutes(app: FastifyInstance, { services }: RouteContext) {
  app.get<{ Params: { projectId: string } }>(
    '/api/v1/projects/:projectId/spend.csv',
    {
      config: { action: 'spend.read' },
      schema: { summary: 'Every take with its estimate, reservation, what is held now and what it cost, as CSV; a totals line last', tags: ['projects'], params: PriceParams },
    },
    async (request, reply) => {
      const { fileName, lines } = await services.spend.exportCsv(request.params.projectId);
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${fileName}"`).send(Readable.from(lines));
    },
  );
}
