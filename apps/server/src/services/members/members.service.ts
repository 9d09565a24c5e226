/** Members of a project, their roles, and invitations: one-time links that expire. */
import type { Invitation, Role } from '@backlot/contracts';
import { projectChain } from '../../domain/audit/audit-chain.ts';
import { fail } from '../../domain/errors.ts';
import type { Clock } from '../../ports/clock.ts';
import type { PasswordHasher, Secrets } from '../../ports/crypto.ts';
import type { Ids } from '../../ports/ids.ts';
import type { Mailer } from '../../ports/mailer.ts';
import type { AccountRecord, InvitationRecord, Repos, Store } from '../../ports/store.ts';
import { appendAudit, type Actor } from '../audit/audit-append.ts';

export interface MembersDeps {
  store: Store;
  clock: Clock;
  ids: Ids;
  secrets: Secrets;
  hasher: PasswordHasher;
  mailer: Mailer;
  settings: { publicUrl: string };
}

export function invitationStatus(i: InvitationRecord, now: Date): Invitation['status'] {
  if (i.acceptedAt) return 'accepted';
  if (i.revokedAt) return 'revoked';
  if (Date.parse(i.expiresAt) <= now.getTime()) return 'expired';
  return 'pending';
}

export function createMembersService(deps: MembersDeps) {
  const audit = (tx: Repos, projectId: string, actor: Actor, action: string, targetType: string, targetId: string, summary: string, data?: Record<string, unknown>) =>
    appendAudit(tx, deps, { chain: projectChain(projectId), actor, action, targetType, targetId, summary, data });

  /** Refuses a change that would leave the project without an owner. */
  async function assertOwnerRemains(tx: Repos, projectId: string) {
    if ((await tx.members.countOwners(projectId)) === 0) fail('member.last_owner', 'A project always keeps at least one owner; make someone else owner first.', 'role');
  }

  async function findUsable(tx: Repos, token: string): Promise<InvitationRecord> {
    const inv = await tx.invitations.findByHash(deps.secrets.sha256(token));
    if (!inv) fail('invitation.invalid', 'This invitation link is not valid.', 'token');
    const status = invitationStatus(inv, deps.clock.now());
    if (status === 'accepted') fail('invitation.used', 'This invitation has already been used.', 'token');
    if (status === 'revoked') fail('invitation.invalid', 'This invitation was withdrawn.', 'token');
    if (status === 'expired') fail('invitation.expired', 'This invitation has expired; ask for a new one.', 'token');
    return inv;
  }

  return {
    list: (projectId: string) => deps.store.read.members.list(projectId),

    async changeRole(actor: Actor, projectId: string, accountId: string, role: Role) {
      return deps.store.transaction(async (tx) => {
        const member = (await tx.members.find(projectId, accountId)) ?? fail('member.not_found', 'That account is not a member of this project.');
        if (member.role === role) return member;
        await tx.members.updateRole(projectId, accountId, role);
        await assertOwnerRemains(tx, projectId);
        await audit(tx, projectId, actor, 'member.role_changed', 'account', accountId, `${actor.name} changed ${member.name}’s role from ${member.role} to ${role}`, { from: member.role, to: role });
        return { ...member, role };
      });
    },

    async remove(actor: Actor, projectId: string, accountId: string) {
      await deps.store.transaction(async (tx) => {
        const member = (await tx.members.find(projectId, accountId)) ?? fail('member.not_found', 'That account is not a member of this project.');
        await tx.members.remove(projectId, accountId);
        await assertOwnerRemains(tx, projectId);
        await audit(tx, projectId, actor, 'member.removed', 'account', accountId, `${actor.name} removed ${member.name} (${member.role}) from the project`, { role: member.role });
      });
    },

    async listInvitations(projectId: string) {
      const now = deps.clock.now();
      return (await deps.store.read.invitations.list(projectId)).map((i) => ({ ...i, status: invitationStatus(i, now) }));
    },

    /** Creates a one-time invitation link; mails it when mail is configured. */
    async invite(actor: Actor, projectId: string, input: { email: string; role: Role; expiresInDays: number }) {
      const project = (await deps.store.read.projects.findById(projectId)) ?? fail('project.not_found', 'No such project.');
      const token = deps.secrets.randomToken();
      const now = deps.clock.now();
      const invitation: InvitationRecord = {
        id: deps.ids.next(),
        projectId,
        email: input.email,
        role: input.role,
        tokenHash: deps.secrets.sha256(token),
        invitedBy: actor.accountId!,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + input.expiresInDays * 86_400_000).toISOString(),
        acceptedAt: null,
        acceptedBy: null,
        revokedAt: null,
      };
      await deps.store.transaction(async (tx) => {
        const existing = await tx.accounts.findByEmail(input.email);
        if (existing && (await tx.members.find(projectId, existing.id))) fail('member.exists', `${input.email} is already a member of this project.`, 'email');
        await tx.invitations.insert(invitation);
        await audit(tx, projectId, actor, 'invitation.created', 'invitation', invitation.id, `${actor.name} invited ${input.email} as ${input.role}`, { email: input.email, role: input.role });
      });
      const url = `${deps.settings.publicUrl}/invite#token=${token}`;
      let emailed = false;
      if (deps.mailer.configured) {
        await deps.mailer.send({
          to: input.email,
          subject: `${actor.name} invited you to ${project.name} on Backlot`,
          text: `${actor.name} invited you to join ${project.code} “${project.name}” as ${input.role}.\n\nOpen this link to accept:\n\n${url}\n\nIt works once, until ${invitation.expiresAt} (UTC).\n`,
        });
        emailed = true;
      }
      return { invitation: { ...invitation, invitedByName: actor.name, status: invitationStatus(invitation, now) }, url, emailed };
    },

    async revokeInvitation(actor: Actor, projectId: string, invitationId: string) {
      await deps.store.transaction(async (tx) => {
        const inv = (await tx.invitations.findById(projectId, invitationId)) ?? fail('invitation.not_found', 'No such invitation in this project.');
        if (invitationStatus(inv, deps.clock.now()) !== 'pending') fail('invitation.invalid', 'Only a pending invitation can be withdrawn.');
        await tx.invitations.revoke(inv.id, deps.clock.now().toISOString());
        await audit(tx, projectId, actor, 'invitation.revoked', 'invitation', inv.id, `${actor.name} withdrew the invitation for ${inv.email}`);
      });
    },

    /** What a link offers, for the accept page. */
    async preview(token: string) {
      return deps.store.transaction(async (tx) => {
        const inv = await findUsable(tx, token);
        const project = (await tx.projects.findById(inv.projectId))!;
        const accountExists = !!(await tx.accounts.findByEmail(inv.email));
        return { projectName: project.name, projectCode: project.code, role: inv.role, email: inv.email, expiresAt: inv.expiresAt, accountExists };
      });
    },

    /**
     * Accepts an invitation: as the signed-in account (which must have the invited email), or by
     * creating the invited account (name and password) when none exists. The link works once.
     */
    async accept(token: string, signedIn: AccountRecord | undefined, newAccount: { name?: string; password?: string }) {
      const passwordHash = !signedIn && newAccount.password ? await deps.hasher.hash(newAccount.password) : undefined;
      return deps.store.transaction(async (tx) => {
        const inv = await findUsable(tx, token);
        const now = deps.clock.now().toISOString();
        if (signedIn && signedIn.email !== inv.email) {
          fail('invitation.email_mismatch', `This invitation is for ${inv.email}; you are signed in as ${signedIn.email}. Sign out, or ask for an invitation to your address.`, 'token');
        }
        let account = signedIn;
        let created = false;
        if (!account) {
          if (await tx.accounts.findByEmail(inv.email)) fail('auth.required', `An account for ${inv.email} exists: sign in first, then open the link again.`);
          if (!newAccount.name) fail('request.invalid', 'Your name is required to create your account.', 'name');
          if (!passwordHash) fail('request.invalid', 'A password is required to create your account.', 'password');
          account = { id: deps.ids.next(), email: inv.email, name: newAccount.name, passwordHash, isAdmin: false, disabledAt: null, createdAt: now, updatedAt: now };
          await tx.accounts.insert(account);
          created = true;
        }
        const existing = await tx.members.find(inv.projectId, account.id);
        if (existing) fail('member.exists', `You are already a member of this project as ${existing.role}.`);
        await tx.members.insert({ projectId: inv.projectId, accountId: account.id, role: inv.role, createdAt: now });
        await tx.invitations.markAccepted(inv.id, account.id, now);
        const actor = { accountId: account.id, name: account.name };
        if (created) {
          await appendAudit(tx, deps, {
            chain: 'instance',
            actor,
            action: 'account.created',
            targetType: 'account',
            targetId: account.id,
            summary: `${account.name} created their account from an invitation`,
          });
        }
        await audit(tx, inv.projectId, actor, 'invitation.accepted', 'account', account.id, `${account.name} accepted the invitation and joined as ${inv.role}`, {
          invitationId: inv.id,
          role: inv.role,
        });
        return { projectId: inv.projectId, account, created };
      });
    },
  };
}

export type MembersService = ReturnType<typeof createMembersService>;
