import { expect, it } from 'vitest';
import { createTestClock, DAY } from '../../../test/clock.ts';
import { describeEachDatabase } from '../../../test/harness.ts';
import { projectChain } from '../../domain/audit/audit-chain.ts';

const clock = createTestClock();
const tokenOf = (url: string) => new URL(url).hash.replace('#token=', '');

describeEachDatabase(
  'members and invitations',
  (h) => {
    const svc = () => h().container.services;

    it('invites by one-time link; a new person creates their account with it', async () => {
      const owner = await h().person('Olive');
      const id = await h().project(owner, 'INV');
      const actor = { accountId: owner.id, name: owner.name };
      const { url, emailed, invitation } = await svc().members.invite(actor, id, { email: 'dora@example.com', role: 'director', expiresInDays: 7 });
      expect(emailed).toBe(false);
      expect(invitation.status).toBe('pending');
      expect(await svc().members.preview(tokenOf(url))).toMatchObject({ projectCode: 'INV', role: 'director', email: 'dora@example.com', accountExists: false });
      await expect(svc().members.accept(tokenOf(url), undefined, { name: 'Dora' })).rejects.toMatchObject({ field: 'password' });
      const accepted = await svc().members.accept(tokenOf(url), undefined, { name: 'Dora', password: 'dora-password-1' });
      expect(accepted.created).toBe(true);
      expect(await svc().projects.access(id, accepted.account.id)).toEqual({ role: 'director', closed: false });
      await expect(svc().members.accept(tokenOf(url), undefined, { name: 'Mallory', password: 'mallory-pass-1' })).rejects.toMatchObject({ code: 'invitation.used' });
      expect((await svc().members.listInvitations(id))[0].status).toBe('accepted');
    });

    it('lets a signed-in account accept, and refuses a signed-out one whose account exists', async () => {
      const owner = await h().person('Omar');
      const ed = await h().person('Edie');
      const id = await h().project(owner, 'INV2');
      const { url } = await svc().members.invite({ accountId: owner.id, name: owner.name }, id, { email: ed.email, role: 'editor', expiresInDays: 7 });
      await expect(svc().members.accept(tokenOf(url), undefined, {})).rejects.toMatchObject({ code: 'auth.required' });
      const edAccount = (await svc().accounts.findByEmail(ed.email))!;
      await svc().members.accept(tokenOf(url), edAccount, {});
      expect((await svc().members.list(id)).map((m) => [m.name, m.role])).toEqual([
        ['Omar', 'owner'],
        ['Edie', 'editor'],
      ]);
    });

    it('refuses an invitation accepted by an account with another email', async () => {
      const owner = await h().person('Orla');
      const other = await h().person('Other');
      const id = await h().project(owner, 'INV4');
      const { url } = await svc().members.invite({ accountId: owner.id, name: owner.name }, id, { email: 'intended@example.com', role: 'producer', expiresInDays: 7 });
      const otherAccount = (await svc().accounts.findByEmail(other.email))!;
      await expect(svc().members.accept(tokenOf(url), otherAccount, {})).rejects.toMatchObject({ code: 'invitation.email_mismatch' });
      expect(await svc().projects.access(id, other.id)).toBeUndefined();
      expect((await svc().members.listInvitations(id))[0].status).toBe('pending');
    });

    it('expires invitations and refuses withdrawn ones', async () => {
      const owner = await h().person('Opal');
      const id = await h().project(owner, 'INV3');
      const actor = { accountId: owner.id, name: owner.name };
      const late = await svc().members.invite(actor, id, { email: 'late@example.com', role: 'viewer', expiresInDays: 1 });
      const gone = await svc().members.invite(actor, id, { email: 'gone@example.com', role: 'viewer', expiresInDays: 7 });
      await svc().members.revokeInvitation(actor, id, gone.invitation.id);
      clock.advance(DAY + 1);
      await expect(svc().members.accept(tokenOf(late.url), undefined, { name: 'Late', password: 'late-password-1' })).rejects.toMatchObject({ code: 'invitation.expired' });
      await expect(svc().members.accept(tokenOf(gone.url), undefined, { name: 'Gone', password: 'gone-password-1' })).rejects.toMatchObject({ code: 'invitation.invalid' });
      expect(await svc().accounts.findByEmail('late@example.com')).toBeUndefined();
      expect((await svc().members.listInvitations(id)).map((i) => i.status).sort()).toEqual(['expired', 'revoked']);
    });

    it('changes and removes roles, but always keeps an owner', async () => {
      const owner = await h().person('Otto');
      const pat = await h().person('Pat');
      const id = await h().project(owner, 'ROLES', [[pat, 'viewer']]);
      const actor = { accountId: owner.id, name: owner.name };
      await svc().members.changeRole(actor, id, pat.id, 'producer');
      expect((await svc().projects.access(id, pat.id))?.role).toBe('producer');
      await expect(svc().members.changeRole(actor, id, owner.id, 'director')).rejects.toMatchObject({ code: 'member.last_owner' });
      await expect(svc().members.remove(actor, id, owner.id)).rejects.toMatchObject({ code: 'member.last_owner' });
      expect((await svc().projects.access(id, owner.id))?.role).toBe('owner');
      await svc().members.changeRole(actor, id, pat.id, 'owner');
      await svc().members.remove(actor, id, owner.id);
      expect(await svc().projects.access(id, owner.id)).toBeUndefined();
      const summaries = (await svc().auditLog.page(projectChain(id), undefined, 10)).events.map((e) => e.summary);
      expect(summaries[0]).toMatch(/removed Otto \(owner\)/);
      expect(summaries).toContain('Otto changed Pat’s role from viewer to producer');
      expect(await svc().auditLog.verify(projectChain(id))).toMatchObject({ ok: true });
    });

    it('refuses to invite someone already a member', async () => {
      const owner = await h().person('Ola');
      const m = await h().person('Mia');
      const id = await h().project(owner, 'DUP', [[m, 'editor']]);
      await expect(svc().members.invite({ accountId: owner.id, name: owner.name }, id, { email: m.email, role: 'viewer', expiresInDays: 7 })).rejects.toMatchObject({
        code: 'member.exists',
        field: 'email',
      });
    });
  },
  { clock },
);
