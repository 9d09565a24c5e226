/**
 * Authentication and authorization for every request, from the action its route declares:
 * public, any signed-in account, the instance admin, or a project role (DESIGN.md §8).
 * Runs before the body is parsed, so a refused request costs nothing and changes nothing.
 */
import { Id, READ_ACTIONS, scopeOf, type Action, type Role } from '@backlot/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { allowedWhileClosed, deniedMessage, roleMay } from '../domain/permissions/permissions.ts';
import type { Principal } from '../services/accounts/auth.service.ts';
import type { GuestPrincipal } from '../services/dailies/review-links.service.ts';
import type { Services } from '../container.ts';
import { sendError } from './error-handler.ts';

export const SESSION_COOKIE = 'backlot_session';
/** A guest's credential on a review link, as a cookie (the header `Authorization: Guest <secret>` works too). */
export const GUEST_COOKIE = 'backlot_guest';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The action this route needs; every route must declare one. */
    action?: Action;
  }
  interface FastifyInstance {
    /** Every API route with the action it declares, for the route × role test. */
    registeredRoutes: RegisteredRoute[];
  }
  interface FastifyRequest {
    principal?: Principal;
    /** The member's role in the route's project, once authorized. */
    projectRole?: Role;
    /** The guest on a review link, on guest routes. */
    guest?: GuestPrincipal;
  }
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Where writes may come from. With a configured public address, that origin alone: the Host a
 * request names proves nothing, since a DNS-rebinding page sends its own name as both Host and
 * Origin. Without one, the address the request came to or the default address.
 */
export interface OriginPolicy {
  publicUrl: string;
  publicUrlConfigured: boolean;
}

/** Whether a mutating request comes from this site (Origin, else Sec-Fetch-Site). */
function sameOrigin(request: FastifyRequest, policy: OriginPolicy): boolean {
  const origin = request.headers.origin;
  if (origin) {
    if (origin === new URL(policy.publicUrl).origin) return true;
    return !policy.publicUrlConfigured && origin === `${request.protocol}://${request.host}`;
  }
  const site = request.headers['sec-fetch-site'];
  return site === 'same-origin' || site === 'none';
}

async function authenticate(request: FastifyRequest, services: Services): Promise<Principal | undefined> {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return services.auth.authenticateToken(header.slice(7).trim());
  const cookie = request.cookies[SESSION_COOKIE];
  if (cookie) return services.auth.authenticateSession(cookie);
  return undefined;
}

export function registerAuth(app: FastifyInstance, services: Services, origins: OriginPolicy) {
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const action = request.routeOptions.config?.action;
    if (!action) return; // unknown URL: the not-found handler answers
    const mutating = MUTATING.has(request.method);
    const scope = scopeOf(action);

    if (mutating && request.headers.origin && !sameOrigin(request, origins)) {
      return sendError(reply, 'auth.cross_site', 'Cross-site request refused.');
    }
    // A guest on a review link: their secret, and nothing else, opens the guest routes (DESIGN.md §8).
    if (scope === 'guest') {
      const header = request.headers.authorization;
      const viaHeader = header?.startsWith('Guest ') ? header.slice(6).trim() : undefined;
      const secret = viaHeader ?? request.cookies[GUEST_COOKIE];
      const guest = secret ? await services.reviewLinks.authenticate(secret) : undefined;
      if (!guest) return sendError(reply, 'guest.required', 'Open the review link again: this guest pass is missing, expired or revoked.');
      if (mutating && !viaHeader && !sameOrigin(request, origins)) return sendError(reply, 'auth.cross_site', 'Cross-site request refused.');
      if (mutating && guest.projectClosed) return sendError(reply, 'project.closed', 'This project is closed and read-only.');
      request.guest = guest;
      return;
    }
    const principal = await authenticate(request, services);
    if (principal) request.principal = principal;
    if (scope === 'public') return;

    if (!principal) {
      const bearer = request.headers.authorization?.startsWith('Bearer ');
      return sendError(reply, 'auth.required', bearer ? 'That API token is not valid (revoked, expired or mistyped).' : 'Sign in first.');
    }
    // A cookie is sent by the browser on its own: a cookie-authenticated write must come from this site.
    if (mutating && principal.via === 'session' && !sameOrigin(request, origins)) {
      return sendError(reply, 'auth.cross_site', 'Cross-site request refused.');
    }
    if (scope === 'account') {
      if (action === 'account.create_project' && !principal.account.isAdmin && (await services.accounts.projectCreation()) === 'admins') {
        return sendError(reply, 'project.creation_restricted', 'Only instance admins may create projects here.');
      }
      return;
    }
    if (scope === 'instance') {
      if (!principal.account.isAdmin) return sendError(reply, 'permission.denied', 'Only an instance admin may do this.');
      return;
    }
    const projectId = (request.params as { projectId?: string }).projectId;
    // The id reaches the database before the route's schema runs, so it passes the same check here.
    const badId = projectId === undefined ? undefined : Id.safeParse(projectId).error?.issues[0];
    if (badId) return sendError(reply, 'request.invalid', `path parameter projectId: ${badId.message}`, 'projectId');
    const access = projectId ? await services.projects.access(projectId, principal.account.id) : undefined;
    // Not a member (or no such project): the same answer, so ids of other projects reveal nothing.
    if (!access) return sendError(reply, 'project.not_found', 'No such project.');
    if (!roleMay(access.role, action)) return sendError(reply, 'permission.denied', deniedMessage(access.role, action));
    if (access.closed && !allowedWhileClosed(action, mutating)) {
      return sendError(reply, 'project.closed', 'This project is closed and read-only; an owner can reopen it.');
    }
    request.projectRole = access.role;
  });
}

/**
 * Refuses, when it is registered, any API route that declares no action or a read action on a
 * mutating method. A route without a declared action cannot exist.
 */
export interface RegisteredRoute {
  method: string;
  url: string;
  action: Action;
}

export function guardRouteDeclarations(app: FastifyInstance): RegisteredRoute[] {
  const registered: RegisteredRoute[] = [];
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    const action = route.config?.action;
    if (!action) throw new Error(`route ${route.method} ${route.url} declares no action`);
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (methods.some((m) => MUTATING.has(m)) && READ_ACTIONS.has(action)) {
      throw new Error(`route ${methods.join(',')} ${route.url} changes data but declares the read action ${action}`);
    }
    for (const method of methods) if (method !== 'HEAD') registered.push({ method, url: route.url, action });
  });
  return registered;
}
