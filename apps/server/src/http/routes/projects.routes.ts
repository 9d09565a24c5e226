/** Projects, members, invitations and the project audit log. */
import type { FastifyInstance } from 'fastify';
import { projectChain } from '../../domain/audit/audit-chain.ts';
import { presentProject, presentProjectDetail } from '../../services/projects/project-presenter.ts';
import { defineRoute } from '../define-route.ts';
import { actorOf, principalOf, roleOf, type RouteContext } from './context.ts';

export function registerProjectRoutes(app: FastifyInstance, { services }: RouteContext) {
  defineRoute(app, 'listProjects', async ({ query, request }) => {
    const rows = await services.projects.listForAccount(principalOf(request).account.id, query.closed);
    return { projects: rows.map((p) => presentProject(p, p.role)) };
  });

  defineRoute(app, 'createProject', async ({ body, request }) => {
    const project = await services.projects.create(actorOf(request), body);
    return presentProjectDetail(project, 'owner');
  });

  defineRoute(app, 'getProject', async ({ params, request }) => presentProjectDetail(await services.projects.getOrThrow(params.projectId), roleOf(request)));

  defineRoute(app, 'updateProject', async ({ params, body, request }) => presentProjectDetail(await services.projects.update(actorOf(request), params.projectId, body), roleOf(request)));

  defineRoute(app, 'closeProject', async ({ params, request }) => presentProjectDetail(await services.projects.setClosed(actorOf(request), params.projectId, true), roleOf(request)));

  defineRoute(app, 'reopenProject', async ({ params, request }) => presentProjectDetail(await services.projects.setClosed(actorOf(request), params.projectId, false), roleOf(request)));

  const presentMember = (m: { accountId: string; name: string; email: string; role: 'owner' | 'producer' | 'director' | 'editor' | 'viewer'; createdAt: string }) => ({
    accountId: m.accountId,
    name: m.name,
    email: m.email,
    role: m.role,
    joinedAt: m.createdAt,
  });

  defineRoute(app, 'listMembers', async ({ params }) => ({ members: (await services.members.list(params.projectId)).map(presentMember) }));
  defineRoute(app, 'listMentionable', async ({ params }) => ({
    people: (await services.members.list(params.projectId)).map((m) => ({ accountId: m.accountId, name: m.name })),
  }));

  defineRoute(app, 'changeMemberRole', async ({ params, body, request }) => presentMember(await services.members.changeRole(actorOf(request), params.projectId, params.accountId, body.role)));

  defineRoute(app, 'removeMember', async ({ params, request }) => {
    await services.members.remove(actorOf(request), params.projectId, params.accountId);
    return { ok: true as const };
  });

  const presentInvitation = (i: {
    id: string;
    email: string;
    role: 'owner' | 'producer' | 'director' | 'editor' | 'viewer';
    invitedByName: string;
    createdAt: string;
    expiresAt: string;
    status: 'pending' | 'accepted' | 'expired' | 'revoked';
  }) => ({
    id: i.id,
    email: i.email,
    role: i.role,
    invitedBy: i.invitedByName,
    createdAt: i.createdAt,
    expiresAt: i.expiresAt,
    status: i.status,
  });

  defineRoute(app, 'listInvitations', async ({ params }) => ({ invitations: (await services.members.listInvitations(params.projectId)).map(presentInvitation) }));

  defineRoute(app, 'createInvitation', async ({ params, body, request }) => {
    const result = await services.members.invite(actorOf(request), params.projectId, body);
    return { invitation: presentInvitation(result.invitation), url: result.url, emailed: result.emailed };
  });

  defineRoute(app, 'revokeInvitation', async ({ params, request }) => {
    await services.members.revokeInvitation(actorOf(request), params.projectId, params.invitationId);
    return { ok: true as const };
  });

  defineRoute(app, 'projectAudit', async ({ params, query }) => services.auditLog.page(projectChain(params.projectId), query.before, query.limit));

  defineRoute(app, 'verifyProjectAudit', async ({ params }) => services.auditLog.verify(projectChain(params.projectId)));
}
