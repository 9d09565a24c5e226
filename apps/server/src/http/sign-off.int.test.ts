/**
 * Sign-off over a threshold, on SQLite and PostgreSQL, with mail through a real SMTP conversation:
 * a director's request estimated above the project's threshold waits in `awaiting_approval` with
 * nothing reserved; the producer sees it on their home, signs it off (reserved and queued, checked
 * against the budget as it stands then) or refuses it with a reason (canceled); the director is
 * told on their home and by mail. A producer's own request needs no sign-off. Twenty sign-offs of
 * one take at once sign it off once. Expectations are written by hand from DESIGN.md §2 and §8.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSmtpMailer } from '../adapters/mail/smtp-mailer.ts';
import type { Mailer } from '../ports/mailer.ts';
import { describeEachDatabase, type Person } from '../../test/harness.ts';
import { startSmtp } from '../../test/smtp.ts';
import { waitFor } from '../../test/wait.ts';

let smtp: Awaited<ReturnType<typeof startSmtp>>;
let smtpMailer: Mailer | undefined;
beforeAll(async () => {
  smtp = await startSmtp();
  smtpMailer = createSmtpMailer({ smtpUrl: smtp.url, from: 'Backlot <backlot@studio.test>' });
});
afterAll(() => smtp.close());
/** The harness is built before the SMTP server listens; mail goes through it once it does. */
const mailer: Mailer = { configured: true, send: (m) => smtpMailer!.send(m) };

const PLAN = { job: 'The ferry docks', subjectAction: 'The ferry bumps the pier.', camera: { size: 'WS', movement: 'static' }, reviewCriteria: ['ferry'], targetFrames: 12 };

describeEachDatabase(
  'sign-off over a threshold',
  (h) => {
    let owner: Person, producer: Person, director: Person;
    let projectId = '';
    let shotId = '';
    const url = (path: string) => `/api/v1/projects/${projectId}${path}`;
    const ask = (who: Person, count: number) => h().as(who, { method: 'POST', url: url(`/shots/${shotId}/takes`), payload: { provider: 'previs', model: 'previs-animatic', count } });
    const take = async (id: string) => (await h().as(director, { method: 'GET', url: url(`/takes/${id}`) })).json();
    const ledger = async (id: string) => (await h().container.store.read.ledger.forTake(id)).map((e) => [e.kind, e.amountMicros]);
    const signOff = (who: Person, id: string, payload: Record<string, unknown>) => h().as(who, { method: 'POST', url: url(`/takes/${id}/sign-off`), payload });
    const home = async (who: Person) => (await h().as(who, { method: 'GET', url: '/api/v1/home' })).json().items as { kind: string; title: string; detail: string; take?: { id: string } }[];
    const mailTo = (email: string) => smtp.inbox.filter((m) => m.to.includes(email)).map((m) => m.raw.replace(/=\r?\n/g, ''));
    let waiting: { id: string }[] = [];

    it('sets up a project with previs at 2.00 USD a take and a sign-off threshold of 5.00', async () => {
      [owner, producer, director] = await Promise.all(['Olga Owner', 'Pia Producer', 'Dan Director'].map((n) => h().person(n)));
      projectId = await h().project(owner, 'SIGNS', [
        [producer, 'producer'],
        [director, 'director'],
      ]);
      const patched = await h().as(producer, {
        method: 'PATCH',
        url: url(''),
        payload: { budget: '20.00', resolution: { width: 160, height: 90 }, generation: { requireLocked: false, signOffAbove: '5.00' } },
      });
      expect(patched.statusCode).toBe(200);
      const scene = (await h().as(director, { method: 'POST', url: url('/scenes'), payload: { heading: 'EXT. PIER - DAY' } })).json();
      shotId = (await h().as(director, { method: 'POST', url: url(`/scenes/${scene.id}/shots`), payload: { plan: PLAN } })).json().id;
      const price = await h().as(producer, {
        method: 'POST',
        url: url('/prices'),
        payload: { provider: 'previs', model: 'previs-animatic', unit: 'generations', price: '2.00', source: 'Studio rate' },
      });
      expect(price.statusCode).toBe(201);
    });

    it('queues a request at or under the threshold at once', async () => {
      const r = await ask(director, 2); // 4.00
      expect(r.statusCode).toBe(201);
      for (const t of r.json().takes) expect((await take(t.id)).status).toBe('queued');
    });

    it('says before spending that a bigger request would wait, then holds it with nothing reserved', async () => {
      const preview = (await h().as(director, { method: 'POST', url: url(`/shots/${shotId}/generate/preview`), payload: { provider: 'previs', model: 'previs-animatic', count: 3 } })).json();
      expect(preview.refusals).toEqual([]);
      expect(preview.signOff).toEqual({ threshold: '5.00', currency: 'USD' });
      const r = await ask(director, 3); // 6.00 > 5.00
      expect(r.statusCode).toBe(201);
      waiting = r.json().takes;
      for (const t of waiting) {
        expect(await take(t.id)).toMatchObject({ status: 'awaiting_approval', cost: { estimated: '2.00', reserved: '0.00' }, signOff: null });
        expect(await ledger(t.id)).toEqual([]);
      }
      const budgets = (await h().as(producer, { method: 'GET', url: url('/budgets') })).json();
      expect(budgets.project).toMatchObject({ held: '4.00', remaining: '16.00' });
      // The worker does not touch it.
      h().container.startWorker();
      await waitFor(
        async () => (await h().as(director, { method: 'GET', url: url(`/takes?shotId=${shotId}`) })).json().takes as { status: string }[],
        (takes) => takes.filter((t) => t.status === 'succeeded').length === 2,
      );
      expect((await take(waiting[0].id)).status).toBe('awaiting_approval');
    });

    it("lists the waiting takes on the producer's home, not the director's", async () => {
      const items = (await home(producer)).filter((i) => i.kind === 'awaiting_sign_off');
      expect(items).toHaveLength(3);
      expect(items[0].title).toMatch(/^Dan Director asks for SC001_SH010 TK00[345]: waiting for your sign-off$/);
      // Each take is under the threshold; the request of three is over it, and the words say so.
      expect(items[0].detail).toBe("This take is estimated at 2.00 USD; the request it is part of is over the project's sign-off threshold of 5.00 USD.");
      expect((await home(director)).filter((i) => i.kind === 'awaiting_sign_off')).toEqual([]);
    });

    it('refuses a refusal without a reason, a director signing off, and a take not waiting', async () => {
      const noReason = await signOff(producer, waiting[0].id, { decision: 'refuse' });
      expect([noReason.statusCode, noReason.json().error.field]).toEqual([400, 'reason']);
      expect((await signOff(director, waiting[0].id, { decision: 'sign_off' })).statusCode).toBe(403);
      const queuedOne = (await h().as(director, { method: 'GET', url: url(`/takes?shotId=${shotId}`) })).json().takes.find((t: { status: string }) => t.status === 'succeeded');
      const notWaiting = await signOff(producer, queuedOne.id, { decision: 'sign_off' });
      expect(notWaiting.statusCode).toBe(409);
      expect(notWaiting.json().error.code).toBe('take.not_awaiting_sign_off');
      expect((await take(waiting[0].id)).status).toBe('awaiting_approval');
    });

    it('signs a take off once, however many times it is signed at once: reserved once, queued, rendered', async () => {
      const answers = await Promise.all(Array.from({ length: 20 }, () => signOff(producer, waiting[0].id, { decision: 'sign_off' })));
      expect(answers.filter((a) => a.statusCode === 200)).toHaveLength(1);
      expect(answers.filter((a) => a.statusCode === 409 && a.json().error.code === 'take.not_awaiting_sign_off')).toHaveLength(19);
      const done = await waitFor(
        () => take(waiting[0].id),
        (t) => t.status === 'succeeded',
      );
      expect(done.signOff).toMatchObject({ decision: 'signed_off', by: 'Pia Producer', reason: null });
      expect(await ledger(waiting[0].id)).toEqual([
        ['reservation', 2_000_000],
        ['settlement', 2_000_000],
        ['release', 2_000_000],
      ]);
    });

    it('refuses one with a reason: canceled, nothing reserved; the director is told on home and by mail', async () => {
      const r = await signOff(producer, waiting[1].id, { decision: 'refuse', reason: 'Two takes of this are enough for previs' });
      expect(r.statusCode).toBe(200);
      expect(r.json()).toMatchObject({ status: 'canceled', signOff: { decision: 'refused', by: 'Pia Producer', reason: 'Two takes of this are enough for previs' } });
      expect(await ledger(waiting[1].id)).toEqual([['release', 0]]);
      const told = (await home(director)).filter((i) => i.kind === 'sign_off_decided');
      expect(told.map((i) => [i.title, i.detail])).toEqual(
        expect.arrayContaining([
          [expect.stringMatching(/^Pia Producer refused to sign off SC001_SH010 TK00\d$/), 'Why: Two takes of this are enough for previs'],
          [expect.stringMatching(/^Pia Producer signed off SC001_SH010 TK00\d$/), 'It is queued and will be generated.'],
        ]),
      );
      const mails = await waitFor(
        async () => mailTo(director.email),
        (m) => m.length >= 2,
      );
      expect(mails.some((m) => /Subject: Pia Producer refused to sign off SC001_SH010 TK00\d in/.test(m) && m.includes('Why: Two takes of this are enough for previs'))).toBe(true);
      expect(mails.some((m) => /Subject: Pia Producer signed off SC001_SH010 TK00\d in/.test(m))).toBe(true);
    });

    it('keeps a take waiting when the budget no longer allows it, naming why', async () => {
      await h().as(owner, { method: 'PATCH', url: url(''), payload: { budget: '7.00' } });
      // 6.00 is spent (three 2.00 takes); 1.00 is left for a 2.00 take.
      const r = await signOff(producer, waiting[2].id, { decision: 'sign_off' });
      expect(r.statusCode).toBe(409);
      expect(r.json().error.code).toBe('budget.exceeded');
      expect(r.json().error.message).toMatch(/is estimated at 2\.00 USD but only 1\.00 USD of the budget remains; it keeps waiting until the budget allows it\./);
      expect((await take(waiting[2].id)).status).toBe('awaiting_approval');
      expect(await ledger(waiting[2].id)).toEqual([]);
    });

    it("lets a producer's own request through without sign-off", async () => {
      await h().as(owner, { method: 'PATCH', url: url(''), payload: { budget: '100.00' } });
      const r = await ask(producer, 3);
      expect(r.statusCode).toBe(201);
      for (const t of r.json().takes) expect((await take(t.id)).status).not.toBe('awaiting_approval');
    });
  },
  { mailer },
);
