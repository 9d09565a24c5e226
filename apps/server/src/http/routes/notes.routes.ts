/** Notes on takes: a take's threads, a new note or reply, and resolving, reopening or rewording one. */
import type { FastifyInstance } from 'fastify';
import { defineRoute } from '../define-route.ts';
import { actorOf, roleOf, type RouteContext } from './context.ts';

export function registerNoteRoutes(app: FastifyInstance, { services }: RouteContext) {
  const { notes } = services;

  defineRoute(app, 'listNotes', async ({ params, request }) => ({ notes: await notes.list(roleOf(request), params.projectId, params.takeId) }));

  defineRoute(app, 'createNote', async ({ params, body, request }) => notes.create(actorOf(request), roleOf(request), params.projectId, params.takeId, body));

  defineRoute(app, 'updateNote', async ({ params, body, request }) => notes.update(actorOf(request), roleOf(request), params.projectId, params.noteId, body));
}
