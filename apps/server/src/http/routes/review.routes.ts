/** Review: decisions on takes and their history, criteria with rating and verdict, in/out marks, and comparisons. */
import type { FastifyInstance } from 'fastify';
import { defineRoute } from '../define-route.ts';
import { actorOf, roleOf, type RouteContext } from './context.ts';

export function registerReviewRoutes(app: FastifyInstance, { services }: RouteContext) {
  const { review, takes } = services;

  defineRoute(app, 'compareTakes', async ({ params, query, request }) => review.compare(params.projectId, roleOf(request), query.ids));

  defineRoute(app, 'setReview', async ({ params, body, request }) => {
    const take = await review.setReview(actorOf(request), roleOf(request), params.projectId, params.takeId, body);
    return (await takes.present(params.projectId, roleOf(request), [take]))[0];
  });

  defineRoute(app, 'reviewHistory', async ({ params, request }) => review.history(params.projectId, roleOf(request), params.takeId));

  defineRoute(app, 'setCriteria', async ({ params, body, request }) => {
    const take = await review.setCriteria(actorOf(request), roleOf(request), params.projectId, params.takeId, body);
    return (await takes.present(params.projectId, roleOf(request), [take]))[0];
  });

  defineRoute(app, 'setMarks', async ({ params, body, request }) => {
    const take = await review.setMarks(actorOf(request), roleOf(request), params.projectId, params.takeId, body);
    return (await takes.present(params.projectId, roleOf(request), [take]))[0];
  });
}
