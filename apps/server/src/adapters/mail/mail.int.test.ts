/** Invitations and reset links by mail, through a real SMTP conversation with a local server. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, ORIGIN, type Harness } from '../../../test/harness.ts';
import { linkIn, startSmtp } from '../../../test/smtp.ts';
import { createSmtpMailer } from './smtp-mailer.ts';

describe('mail over SMTP', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let h: Harness;

  beforeAll(async () => {
    smtp = await startSmtp();
    h = await createHarness('sqlite', { mailer: createSmtpMailer({ smtpUrl: smtp.url, from: 'Backlot <backlot@studio.test>' }) });
  });
  afterAll(async () => {
    await h.app.close();
    await h.testDb.drop();
    await smtp.close();
  });

  it('mails an invitation whose link lets the invitee join', async () => {
    const owner = await h.person('Owner', { admin: true });
    const projectId = await h.project(owner, 'MAIL');
    const r = await h.as(owner, { method: 'POST', url: `/api/v1/projects/${projectId}/invitations`, payload: { email: 'nina@example.com', role: 'editor' } });
    expect(r.statusCode).toBe(201);
    expect(r.json().emailed).toBe(true);
    const mail = smtp.inbox.find((m) => m.to.includes('nina@example.com'))!;
    expect(mail.raw).toMatch(/Subject: Owner invited you to Project MAIL on Backlot/);
    const link = linkIn(mail);
    expect(link).toBe(r.json().url);
    expect(link.startsWith(`${ORIGIN}/invite#token=`)).toBe(true);
    const token = new URL(link).hash.slice('#token='.length);
    const accepted = await h.app.inject({ method: 'POST', url: '/api/v1/invitations/accept', payload: { token, name: 'Nina', password: 'nina-password-1' } });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.cookies.some((c) => c.name === 'backlot_session')).toBe(true);
  });

  it('mails a reset link on request, and the admin-issued one too', async () => {
    const before = smtp.inbox.length;
    const r = await h.app.inject({ method: 'POST', url: '/api/v1/auth/forgot', payload: { email: 'nina@example.com' } });
    expect(r.statusCode).toBe(202);
    const unknown = await h.app.inject({ method: 'POST', url: '/api/v1/auth/forgot', payload: { email: 'nobody@example.com' } });
    expect(unknown.statusCode).toBe(202); // the same answer: no account enumeration
    expect(smtp.inbox.length).toBe(before + 1);
    const link = linkIn(smtp.inbox[smtp.inbox.length - 1]);
    const token = new URL(link).hash.slice('#token='.length);
    const reset = await h.app.inject({ method: 'POST', url: '/api/v1/auth/reset', payload: { token, newPassword: 'nina-password-2' } });
    expect(reset.statusCode).toBe(200);
    const signIn = await h.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: 'nina@example.com', password: 'nina-password-2' } });
    expect(signIn.statusCode).toBe(200);
  });
});
