/** A member's home: what needs them across their projects, and marking it read. */
import type { FastifyInstance } from 'fastify';
import { defineRoute } from '../define-route.ts';
import { principalOf, type RouteContext } from './context.ts';

export function registerHomeRoutes(app: FastifyInstance, { services }: RouteContext) {
  const { home } = services;

  defineRoute(app, 'home', async ({ request }) => home.feed(principalOf(request).account.id));

  defineRoute(app, 'readHome', async ({ body, request }) => home.markRead(principalOf(request).account.id, body));
}
