/**
 * Guest review links (DESIGN.md §8): a session shared with people who have no account, by an
 * expiring, revocable link, optionally with a passcode (hashed with argon2 like passwords; wrong
 * ones counted per link in the database, so every server refuses the same flood). A guest gives a
 * name, sees what a viewer sees of the session's takes, writes client-visible notes and is in the
 * room; every guest action is audited under the link.
 */
import type { CreateReviewLinkInput, GuestDailies, ReviewLink } from '@backlot/contracts';
import { projectChain } from '../../domain/audit/audit-chain.ts';
import { fail } from '../../domain/errors.ts';
import { presenceCutoff } from '../../domain/dailies/playlist.rules.ts';
import type { Clock } from '../../ports/clock.ts';
import type { PasswordHasher, Secrets } from '../../ports/crypto.ts';
import type { ReviewLinkRecord } from '../../ports/dailies-store.ts';
import type { Ids } from '../../ports/ids.ts';
import type { Store } from '../../ports/store.ts';
import { appendAudit, type Actor } from '../audit/audit-append.ts';
import { takeFilesFor } from '../generate/take-presenter.ts';
import type { PresentTakes } from './dailies.service.ts';

/** Wrong passcodes one link takes within the window before it refuses every attempt until the window ends. */
export const PASSCODE_ATTEMPTS = 10;
export const PASSCODE_WINDOW_MINUTES = 15;

export interface ReviewLinksDeps {
  store: Store;
  clock: Clock;
  ids: Ids;
  secrets: Secrets;
  hasher: PasswordHasher;
  present: PresentTakes;
}

/** A guest as the request carries them, once their secret checked out. */
export interface GuestPrincipal {
  guestId: string;
  name: string;
  linkId: string;
  linkLabel: string;
  projectId: string;
  sessionId: string;
  expiresAt: string;
  /** The project is closed: a guest reads, and writes nothing. */
  projectClosed: boolean;
}

function presentLink(l: ReviewLinkRecord & { guests: number }): ReviewLink {
  return { id: l.id, label: l.label, createdBy: l.createdByName, createdAt: l.createdAt, expiresAt: l.expiresAt, revokedAt: l.revokedAt, hasPasscode: l.passcodeHash !== null, guests: l.guests };
}

/** The guest's name as the audit log writes it: who they said they were, and the link that let them in. */
export function guestActor(g: Pick<GuestPrincipal, 'name' | 'linkLabel'>): Actor {
  return { accountId: null, name: `${g.name} (guest on review link “${g.linkLabel}”)` };
}

/** A take's media addressed through the guest routes instead of the project's. */
function guestUrls<T>(value: T, projectId: string): T {
  return JSON.parse(JSON.stringify(value).split(`/api/v1/projects/${projectId}/takes/`).join('/api/v1/guest/takes/')) as T;
}

export function createReviewLinksService(deps: ReviewLinksDeps) {
  const read = deps.store.read;
  const now = () => deps.clock.now().toISOString();

  async function sessionOf(projectId: string, sessionId: string) {
    return (await read.dailies.findSession(projectId, sessionId)) ?? fail('dailies.not_found', 'No such dailies session in this project.');
  }

  return {
    async list(projectId: string, sessionId: string): Promise<ReviewLink[]> {
      const session = await sessionOf(projectId, sessionId);
      return (await read.dailies.links(session.id)).map(presentLink);
    },

    /** A new link for an open session; its token is answered once and kept only as a hash. */
    async create(actor: Actor, projectId: string, sessionId: string, input: CreateReviewLinkInput): Promise<{ link: ReviewLink; token: string; path: string }> {
      const token = deps.secrets.randomToken();
      // Hashed before the transaction: argon2 takes a moment, and a retried transaction must not hash again.
      const passcodeHash = input.passcode === undefined ? null : await deps.hasher.hash(input.passcode);
      const link = await deps.store.transaction(async (tx) => {
        const session = (await tx.dailies.findSession(projectId, sessionId)) ?? fail('dailies.not_found', 'No such dailies session in this project.');
        if (session.status === 'closed') fail('dailies.closed', `“${session.title}” is closed; a closed session is not shared.`);
        const at = deps.clock.now();
        const record: ReviewLinkRecord = {
          id: deps.ids.next(),
          projectId,
          sessionId: session.id,
          label: input.label,
          tokenHash: deps.secrets.sha256(token),
          passcodeHash,
          expiresAt: new Date(at.getTime() + input.expiresInHours * 3_600_000).toISOString(),
          revokedAt: null,
          createdById: actor.accountId,
          createdByName: actor.name,
          createdAt: at.toISOString(),
        };
        await tx.dailies.insertLink(record);
        await appendAudit(tx, deps, {
          chain: projectChain(projectId),
          actor,
          action: 'review_link.created',
          targetType: 'review_link',
          targetId: record.id,
          summary: `${actor.name} shared dailies “${session.title}” by review link “${record.label}”, until ${record.expiresAt}${passcodeHash ? ', with a passcode' : ''}`,
          data: { sessionId: session.id, expiresAt: record.expiresAt, passcode: passcodeHash !== null },
        });
        return record;
      });
      return { link: presentLink({ ...link, guests: 0 }), token, path: `/review/${token}` };
    },

    async revoke(actor: Actor, projectId: string, sessionId: string, linkId: string): Promise<ReviewLink> {
      return deps.store.transaction(async (tx) => {
        const session = (await tx.dailies.findSession(projectId, sessionId)) ?? fail('dailies.not_found', 'No such dailies session in this project.');
        const link = (await tx.dailies.findLink(session.id, linkId)) ?? fail('review_link.not_found', 'No such review link on this session.');
        if (link.revokedAt === null) {
          await tx.dailies.revokeLink(link.id, now());
          await appendAudit(tx, deps, {
            chain: projectChain(projectId),
            actor,
            action: 'review_link.revoked',
            targetType: 'review_link',
            targetId: link.id,
            summary: `${actor.name} revoked review link “${link.label}” of dailies “${session.title}”`,
            data: { sessionId: session.id },
          });
        }
        return presentLink((await tx.dailies.links(session.id)).find((l) => l.id === link.id)!);
      });
    },

    /**
     * A guest opens a link with a name (and its passcode): answers the guest's secret. A link that
     * is unknown, revoked or expired is refused; a passcode attempt is counted before it is checked,
     * so guesses sent at once cannot all get through.
     */
    async join(input: { token: string; name: string; passcode?: string }): Promise<{ guestId: string; name: string; secret: string; expiresAt: string }> {
      const link =
        (await read.dailies.findLinkByHash(deps.secrets.sha256(input.token))) ?? fail('review_link.invalid', 'token: this review link is not valid; ask whoever shared it for a new one.', 'token');
      const at = deps.clock.now();
      if (link.revokedAt !== null) fail('review_link.revoked', 'token: this review link was revoked.', 'token');
      if (link.expiresAt <= at.toISOString()) fail('review_link.expired', `token: this review link expired at ${link.expiresAt}.`, 'token');
      if (link.passcodeHash !== null) {
        if (!input.passcode) fail('review_link.passcode_required', 'passcode: this review link needs its passcode.', 'passcode');
        const windowStart = new Date(at.getTime() - PASSCODE_WINDOW_MINUTES * 60_000).toISOString();
        const attempts = await deps.store.transaction((tx) => tx.dailies.countAttempt(link.id, at.toISOString(), windowStart));
        if (attempts > PASSCODE_ATTEMPTS) fail('review_link.rate_limited', `passcode: too many attempts on this link; wait ${PASSCODE_WINDOW_MINUTES} minutes and try again.`, 'passcode');
        if (!(await deps.hasher.verify(link.passcodeHash, input.passcode))) fail('review_link.passcode_wrong', 'passcode: that is not the passcode of this link.', 'passcode');
        await deps.store.transaction((tx) => tx.dailies.clearAttempts(link.id));
      }
      const secret = deps.secrets.randomToken();
      const guestId = deps.ids.next();
      await deps.store.transaction(async (tx) => {
        const session = (await tx.dailies.findSession(link.projectId, link.sessionId)) ?? fail('review_link.invalid', 'token: this review link is not valid.', 'token');
        if (session.status === 'closed') fail('review_link.revoked', 'token: the session this link shared is closed.', 'token');
        await tx.dailies.insertGuest({ id: guestId, linkId: link.id, name: input.name, secretHash: deps.secrets.sha256(secret), createdAt: at.toISOString() });
        const actor = guestActor({ name: input.name, linkLabel: link.label });
        await appendAudit(tx, deps, {
          chain: projectChain(link.projectId),
          actor,
          action: 'guest.joined',
          targetType: 'review_link',
          targetId: link.id,
          summary: `${actor.name} opened dailies “${session.title}”`,
          data: { sessionId: session.id, guestId },
        });
      });
      return { guestId, name: input.name, secret, expiresAt: link.expiresAt };
    },

    /** The guest a secret stands for, while their link is in force; undefined otherwise. */
    async authenticate(secret: string): Promise<GuestPrincipal | undefined> {
      const found = await read.dailies.findGuest(deps.secrets.sha256(secret));
      if (!found) return undefined;
      const { guest, link } = found;
      if (link.revokedAt !== null || link.expiresAt <= now()) return undefined;
      const project = await read.projects.findById(link.projectId);
      if (!project) return undefined;
      return {
        guestId: guest.id,
        name: guest.name,
        linkId: link.id,
        linkLabel: link.label,
        projectId: link.projectId,
        sessionId: link.sessionId,
        expiresAt: link.expiresAt,
        projectClosed: project.closedAt !== null,
      };
    },

    /** The session as the guest sees it: its playlist as a viewer sees it, with media through the guest routes. */
    async view(g: GuestPrincipal): Promise<GuestDailies> {
      const session = await sessionOf(g.projectId, g.sessionId);
      const rows = await read.dailies.itemsWithTakes(session.id);
      const takes = await deps.present(
        g.projectId,
        'viewer',
        rows.map((r) => r.take),
        new Map(rows.map((r) => [r.take.shotId, r.shotCode])),
      );
      const participants = await read.dailies.presence(session.id, presenceCutoff(deps.clock.now()));
      return guestUrls(
        {
          guest: { id: g.guestId, name: g.name },
          session: { id: session.id, title: session.title, date: session.date, status: session.status },
          items: rows.map((r, i) => ({ id: r.id, position: r.position, take: takes[i] })),
          participants: participants.map((p) => ({ key: p.key, name: p.name, kind: p.kind, since: p.since })),
          presenter: session.presenter,
          expiresAt: g.expiresAt,
        },
        g.projectId,
      );
    },

    /** Fails unless the file is the picture of a take on the guest's session (what a viewer may fetch). */
    async assertFile(g: GuestPrincipal, takeId: string, sha256: string): Promise<void> {
      const take = (await read.dailies.hasTake(g.sessionId, takeId)) ? await read.takes.findById(g.projectId, takeId) : undefined;
      if (!take || take.outputHidden || !takeFilesFor('viewer', take).includes(sha256)) fail('blob.not_found', 'No such file on this review link.');
    },

    /** Audits a guest coming into or leaving the room (a heartbeat is not worth a line). */
    async auditPresence(g: GuestPrincipal, kind: 'join' | 'leave'): Promise<void> {
      await deps.store.transaction((tx) =>
        appendAudit(tx, deps, {
          chain: projectChain(g.projectId),
          actor: guestActor(g),
          action: kind === 'join' ? 'guest.entered_room' : 'guest.left_room',
          targetType: 'review_link',
          targetId: g.linkId,
          summary: `${guestActor(g).name} ${kind === 'join' ? 'joined' : 'left'} the dailies room`,
          data: { sessionId: g.sessionId, guestId: g.guestId },
        }),
      );
    },
  };
}

export type ReviewLinksService = ReturnType<typeof createReviewLinksService>;
