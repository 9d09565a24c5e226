/** The instance admin: accounts, reset links, instance settings, the instance audit chain and audit checkpoints. */
import type { FastifyInstance } from 'fastify';
import { INSTANCE_CHAIN } from '../../domain/audit/audit-chain.ts';
import { presentAccount } from '../../services/accounts/account-presenter.ts';
import { defineRoute } from '../define-route.ts';
import { actorOf, type RouteContext } from './context.ts';

export function registerAdminRoutes(app: FastifyInstance, { services }: RouteContext) {
  defineRoute(app, 'listAccounts', async () => ({ accounts: (await services.accounts.list()).map(presentAccount) }));

  defineRoute(app, 'createAccount', async ({ body, request }) => presentAccount(await services.accounts.createAccount(actorOf(request), body)));

  defineRoute(app, 'updateAccount', async ({ params, body, request }) => presentAccount(await services.accounts.update(actorOf(request), params.id, body)));

  defineRoute(app, 'issueResetLink', async ({ params, request }) => services.auth.issueResetLink(actorOf(request), params.id));

  const settings = async () => ({ projectCreation: await services.accounts.projectCreation(), mailConfigured: services.auth.mailConfigured });

  defineRoute(app, 'instanceSettings', settings);

  defineRoute(app, 'updateInstanceSettings', async ({ body, request }) => {
    await services.accounts.setProjectCreation(actorOf(request), body.projectCreation);
    return settings();
  });

  defineRoute(app, 'instanceAudit', async ({ query }) => services.auditLog.page(INSTANCE_CHAIN, query.before, query.limit));

  defineRoute(app, 'verifyInstanceAudit', async () => services.auditLog.verify(INSTANCE_CHAIN));

  defineRoute(app, 'listAuditCheckpoints', async () => ({ checkpoints: await services.auditCheckpoints.list() }));

  defineRoute(app, 'takeAuditCheckpoint', async ({ request }) => services.auditCheckpoints.take(actorOf(request)));
}
