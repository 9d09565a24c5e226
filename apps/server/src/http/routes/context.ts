/** What route modules receive: the services and the few settings the HTTP edge needs. */
import type { Role } from '@backlot/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../container.ts';
import type { Staging } from '../../ports/staging.ts';
import type { EventFeed } from '../../ports/event-feed.ts';
import type { Actor } from '../../services/audit/audit-append.ts';
import type { Principal } from '../../services/accounts/auth.service.ts';
import type { GuestPrincipal } from '../../services/dailies/review-links.service.ts';
import { SESSION_COOKIE } from '../auth.ts';

export interface RouteContext {
  services: Services;
  sessionMaxDays: number;
  /** Where uploads stream before they are checked and stored. */
  staging: Staging;
  /** Live project events, for the event stream. */
  events: EventFeed;
}

/** The signed-in principal; the auth hook guarantees it on non-public routes. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new Error('route reached without a principal');
  return request.principal;
}

/** The guest on a review link; the auth hook guarantees one on guest routes. */
export function guestOf(request: FastifyRequest): GuestPrincipal {
  if (!request.guest) throw new Error('guest route reached without a guest');
  return request.guest;
}

/** The member's role in the route's project; the auth hook guarantees it on project routes. */
export function roleOf(request: FastifyRequest): Role {
  if (!request.projectRole) throw new Error('project route reached without a role');
  return request.projectRole;
}

export function actorOf(request: FastifyRequest): Actor & { accountId: string } {
  const { account } = principalOf(request);
  return { accountId: account.id, name: account.name };
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string, maxDays: number) {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
    path: '/',
    maxAge: maxDays * 86_400,
  });
}

export function clearSessionCookie(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
