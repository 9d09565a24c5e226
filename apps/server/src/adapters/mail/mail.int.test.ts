/** Invitations, reset links and @-mentions by mail, through a real SMTP conversation with a local server. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, ORIGIN, type Harness } from '../../../test/harness.ts';
import { linkIn, startSmtp, type ReceivedMail } from '../../../test/smtp.ts';
import { waitFor } from '../../../test/wait.ts';
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

  it('mails a mention, once the note is saved, to each member mentioned who may read the note', async () => {
    const owner = await h.person('Olga');
    const dora = await h.person('Dora');
    const vera = await h.person('Vera');
    const projectId = await h.project(owner, 'MENTION', [
      [dora, 'director'],
      [vera, 'viewer'],
    ]);
    const url = (path: string) => `/api/v1/projects/${projectId}${path}`;
    await h.as(owner, { method: 'PATCH', url: url(''), payload: { resolution: { width: 160, height: 90 } } });
    const scene = (await h.as(dora, { method: 'POST', url: url('/scenes'), payload: { heading: 'INT. DINER - NIGHT' } })).json();
    const plan = { job: 'Mara at the counter', subjectAction: 'Mara sets down the thermos', camera: { size: 'MS', movement: 'static' }, reviewCriteria: ['Thermos reads'], targetFrames: 12 };
    const shot = (await h.as(dora, { method: 'POST', url: url(`/scenes/${scene.id}/shots`), payload: { plan } })).json();
    const generated = await h.as(dora, { method: 'POST', url: url(`/shots/${shot.id}/takes`), payload: { provider: 'previs', model: 'previs-animatic' } });
    expect(generated.statusCode, generated.body).toBe(201);
    const [take] = generated.json().takes as { id: string }[];
    h.container.startWorker();
    await waitFor(
      async () => (await h.as(dora, { method: 'GET', url: url(`/takes/${take.id}`) })).json().status as string,
      (s) => s === 'succeeded',
    );
    await h.as(dora, { method: 'POST', url: url(`/takes/${take.id}/review`), payload: { state: 'selected' } });
    await h.as(dora, { method: 'POST', url: url(`/takes/${take.id}/review`), payload: { state: 'approved' } });
    const mailTo = (who: { email: string }) => smtp.inbox.filter((m: ReceivedMail) => m.to.includes(who.email));
    const body = (m: ReceivedMail) => m.raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');

    // An internal note: Dora is told; Vera, a viewer, may not read it and is not.
    const internal = await h.as(owner, { method: 'POST', url: url(`/takes/${take.id}/notes`), payload: { body: '@Dora @Vera the shutter logo shows at the end', visibility: 'internal' } });
    expect(internal.statusCode).toBe(201);
    expect(mailTo(dora)).toHaveLength(1);
    const toDora = mailTo(dora)[0];
    expect(toDora.raw).toMatch(/Subject: Olga mentioned you on SC001_SH010 TK001 in Project MENTION/);
    expect(body(toDora)).toContain('@Dora @Vera the shutter logo shows at the end');
    expect(body(toDora)).toContain(`${ORIGIN}/projects/${projectId}/takes/${take.id}`);
    expect(mailTo(vera)).toHaveLength(0);
    // Nobody is mailed about their own words.
    expect(mailTo(owner)).toHaveLength(0);

    // A client-visible note reaches Vera.
    await h.as(owner, { method: 'POST', url: url(`/takes/${take.id}/notes`), payload: { body: '@Vera this is the one', visibility: 'client' } });
    expect(mailTo(vera)).toHaveLength(1);
    expect(mailTo(vera)[0].raw).toMatch(/Subject: Olga mentioned you on SC001_SH010 TK001/);

    // Rewording tells only whom the new words mention for the first time: Dora already knows.
    await h.as(owner, { method: 'PATCH', url: url(`/notes/${internal.json().id}`), payload: { body: '@Dora the shutter logo shows at the very end' } });
    expect(mailTo(dora)).toHaveLength(1);

    // A note refused for its words is not saved, and nobody is mailed.
    const before = smtp.inbox.length;
    const refused = await h.as(owner, { method: 'POST', url: url(`/takes/${take.id}/notes`), payload: { body: '@Dora bad \u0000 words', visibility: 'internal' } });
    expect(refused.statusCode).toBe(400);
    expect(smtp.inbox.length).toBe(before);
  });
});
