/** ComfyUI workflows (issue 18): a project's workflows and their versions. */
import type { FastifyInstance } from 'fastify';
import { defineRoute } from '../define-route.ts';
import { actorOf, type RouteContext } from './context.ts';

export function registerComfyWorkflowRoutes(app: FastifyInstance, { services }: RouteContext) {
  const workflows = services.comfyWorkflows;

  defineRoute(app, 'listComfyWorkflows', async ({ params }) => workflows.list(params.projectId));

  defineRoute(app, 'createComfyWorkflow', async ({ params, body, request }) => workflows.create(actorOf(request), params.projectId, body));

  defineRoute(app, 'getComfyWorkflow', async ({ params }) => workflows.get(params.projectId, params.workflowId));

  defineRoute(app, 'createComfyWorkflowVersion', async ({ params, body, request }) => workflows.createVersion(actorOf(request), params.projectId, params.workflowId, body));
}
