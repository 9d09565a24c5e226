/** The sample project: one call builds it for the signed-in member, who owns it. */
import type { FastifyInstance } from 'fastify';
import { defineRoute } from '../define-route.ts';
import { actorOf, type RouteContext } from './context.ts';

/** Registers `createDemo`: builds the sample project as the signed-in member. */
export function registerDemoRoutes(app: FastifyInstance, { services }: RouteContext) {
  defineRoute(app, 'createDemo', async ({ request }) => services.demo.build(actorOf(request)));
}
