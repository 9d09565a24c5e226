/** First-run setup, sign-in and out, passwords, sessions and API tokens. */
import type { FastifyInstance } from 'fastify';
import { fail } from '../../domain/errors.ts';
import { presentAccount } from '../../services/accounts/account-presenter.ts';
import type { AccountRecord } from '../../ports/store.ts';
import { defineRoute } from '../define-route.ts';
import { actorOf, clearSessionCookie, principalOf, setSessionCookie, type RouteContext } from './context.ts';

export function registerAuthRoutes(app: FastifyInstance, { services, sessionMaxDays }: RouteContext) {
  const me = async (account: AccountRecord) => ({
    account: presentAccount(account),
    canCreateProjects: account.isAdmin || (await services.accounts.projectCreation()) === 'any',
  });

  defineRoute(app, 'health', async () => ({ status: 'ok' as const }));

  defineRoute(app, 'setupStatus', async () => ({ needed: await services.accounts.setupNeeded() }));

  defineRoute(app, 'setup', async ({ body, request, reply }) => {
    const account = await services.accounts.setup(body);
    const token = await services.auth.startSessionFor(account, request.headers['user-agent'] ?? null);
    setSessionCookie(request, reply, token, sessionMaxDays);
    return me(account);
  });

  defineRoute(app, 'signIn', async ({ body, request, reply }) => {
    const { account, token } = await services.auth.signIn(body.email, body.password, request.headers['user-agent'] ?? null);
    setSessionCookie(request, reply, token, sessionMaxDays);
    return me(account);
  });

  defineRoute(app, 'signOut', async ({ request, reply }) => {
    await services.auth.signOut(principalOf(request));
    clearSessionCookie(reply);
    return { ok: true as const };
  });

  defineRoute(app, 'me', async ({ request }) => me(principalOf(request).account));

  defineRoute(app, 'updateMe', async ({ body, request }) => {
    const { account } = principalOf(request);
    return me(await services.accounts.update({ accountId: account.id, name: account.name }, account.id, { name: body.name }));
  });

  defineRoute(app, 'changePassword', async ({ body, request }) => {
    await services.auth.changePassword(principalOf(request), body.currentPassword, body.newPassword, { revokeTokens: body.revokeTokens });
    return { ok: true as const };
  });

  defineRoute(app, 'forgotPassword', async ({ body }) => {
    await services.auth.requestReset(body.email);
    return { status: 'accepted' as const };
  });

  defineRoute(app, 'resetPassword', async ({ body }) => {
    await services.auth.resetPassword(body.token, body.newPassword);
    return { ok: true as const };
  });

  defineRoute(app, 'listSessions', async ({ request }) => {
    const p = principalOf(request);
    const sessions = await services.auth.listSessions(p.account.id);
    return {
      sessions: sessions.map((s) => ({ id: s.id, createdAt: s.createdAt, lastSeenAt: s.lastSeenAt, expiresAt: s.expiresAt, userAgent: s.userAgent, current: s.id === p.sessionId })),
    };
  });

  defineRoute(app, 'revokeSession', async ({ params, request }) => {
    await services.auth.revokeSession(principalOf(request).account, params.id);
    return { ok: true as const };
  });

  const presentToken = (t: { id: string; name: string; prefix: string; createdAt: string; expiresAt: string | null; lastUsedAt: string | null }) => ({
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    createdAt: t.createdAt,
    expiresAt: t.expiresAt,
    lastUsedAt: t.lastUsedAt,
  });

  defineRoute(app, 'listTokens', async ({ request }) => ({ tokens: (await services.auth.listTokens(principalOf(request).account.id)).map(presentToken) }));

  defineRoute(app, 'createToken', async ({ body, request }) => {
    const { token, secret } = await services.auth.createToken(actorOf(request), principalOf(request).account, body.name, body.expiresInDays);
    return { token: presentToken(token), secret };
  });

  defineRoute(app, 'revokeToken', async ({ params, request }) => {
    await services.auth.revokeToken(principalOf(request).account, params.id);
    return { ok: true as const };
  });

  defineRoute(app, 'previewInvitation', async ({ body }) => services.members.preview(body.token));

  defineRoute(app, 'acceptInvitation', async ({ body, request, reply }) => {
    if (request.principal?.via === 'token') fail('request.invalid', 'Accept an invitation in the browser, not with an API token.');
    const result = await services.members.accept(body.token, request.principal?.account, { name: body.name, password: body.password });
    if (result.created) {
      const token = await services.auth.startSessionFor(result.account, request.headers['user-agent'] ?? null);
      setSessionCookie(request, reply, token, sessionMaxDays);
    }
    return { projectId: result.projectId, account: presentAccount(result.account) };
  });
}
