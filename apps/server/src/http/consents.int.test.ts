/**
 * Consents a producer can act on, over HTTP with a previs take and the in-process worker, on
 * SQLite and PostgreSQL: edits and withdrawals with who, when and why kept in the consent's history
 * and the audit chain, only by owners and producers (DESIGN.md §8); a past expiry refused unless
 * confirmed; a withdrawal putting the shot, its approved take and generation at risk; the shot's
 * readiness following its approved take; and dozens of edits at once, each kept.
 */
import { expect, it } from 'vitest';
import { describeEachDatabase, type Person } from '../../test/harness.ts';
import { makeTestMedia, multipart } from '../../test/media.ts';
import { waitFor } from '../../test/wait.ts';

const media = makeTestMedia();
const DAY = 86_400_000;
const day = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);

const PLAN = {
  job: 'Establish the night shift',
  subjectAction: 'Mara crosses the empty loading bay. She stops at the shutter.',
  camera: { size: 'WS', movement: 'push-in' },
  environment: 'Sodium lights, wet concrete',
  reviewCriteria: ['Mara readable in silhouette'],
  targetFrames: 24,
};

interface ConsentJson {
  id: string;
  person: string;
  scope: string;
  expiresOn: string;
  withdrawn: { at: string; by: string; reason: string } | null;
  history: { action: string; changes: { field: string; from: string; to: string }[]; reason: string; by: string; at: string }[];
}

describeEachDatabase('consents', (h) => {
  let owner: Person, producer: Person, director: Person, editor: Person, viewer: Person, outsider: Person;
  let projectId = '';
  let maraId = '';
  let consentId = '';
  let shotId = '';
  let shotCode = '';
  let takeId = '';
  const url = (path: string) => `/api/v1/projects/${projectId}${path}`;
  const recordConsent = (who: Person, assetId: string, fields: [string, string][]) => {
    const form = multipart([], fields);
    return h().as(who, { method: 'POST', url: url(`/assets/${assetId}/consents`), headers: { 'content-type': form.contentType }, payload: form.body });
  };
  const edit = (who: Person, payload: object, id = consentId, assetId = maraId) => h().as(who, { method: 'PATCH', url: url(`/assets/${assetId}/consents/${id}`), payload });
  const withdraw = (who: Person, payload: object, id = consentId) => h().as(who, { method: 'POST', url: url(`/assets/${maraId}/consents/${id}/withdraw`), payload });
  const consentsOf = async (assetId = maraId) => (await h().as(producer, { method: 'GET', url: url(`/assets/${assetId}`) })).json().consents as ConsentJson[];
  const audit = async () => (await h().as(owner, { method: 'GET', url: url('/audit?limit=200') })).json().events as { action: string; summary: string; actor: string }[];
  const likeness = async (name: string) => {
    const asset = (await h().as(director, { method: 'POST', url: url('/assets'), payload: { kind: 'character', name, flags: ['likeness'] } })).json();
    const upload = multipart([['main', `${name}.png`, media.png, 'image/png']]);
    expect((await h().as(director, { method: 'POST', url: url(`/assets/${asset.id}/versions`), headers: { 'content-type': upload.contentType }, payload: upload.body })).statusCode).toBe(201);
    expect((await h().as(producer, { method: 'POST', url: url(`/assets/${asset.id}/clearance`), payload: { clearance: 'cleared', reason: 'cast agreement' } })).statusCode).toBe(200);
    return asset.id as string;
  };

  it('sets up an approved previs take of a shot that references a likeness with consent', async () => {
    [owner, producer, director, editor, viewer, outsider] = await Promise.all(['Olga', 'Pablo', 'Dora', 'Eddie', 'Vera', 'Otto'].map((n) => h().person(n)));
    projectId = await h().project(owner, 'RIGHTS', [
      [producer, 'producer'],
      [director, 'director'],
      [editor, 'editor'],
      [viewer, 'viewer'],
    ]);
    await h().project(outsider, 'OTHER');
    expect((await h().as(owner, { method: 'PATCH', url: url(''), payload: { resolution: { width: 320, height: 180 } } })).statusCode).toBe(200);
    maraId = await likeness('MARA');
    const recorded = await recordConsent(producer, maraId, [
      ['person', 'Mara Quinn'],
      ['scope', 'Likeness in previs'],
      ['expiresOn', day(365)],
    ]);
    expect(recorded.statusCode).toBe(201);
    consentId = recorded.json().id;
    const scene = await h().as(director, { method: 'POST', url: url('/scenes'), payload: { heading: 'INT. LOADING BAY - NIGHT' } });
    const shot = (await h().as(director, { method: 'POST', url: url(`/scenes/${scene.json().id}/shots`), payload: { plan: PLAN } })).json();
    shotId = shot.id;
    shotCode = shot.code;
    const refs = await h().as(director, {
      method: 'PUT',
      url: url(`/shots/${shotId}/references`),
      payload: { references: [{ assetId: maraId, version: 1, role: 'character' }], baseVersion: shot.planVersion },
    });
    expect(refs.statusCode).toBe(200);
    const generated = await h().as(director, { method: 'POST', url: url(`/shots/${shotId}/takes`), payload: { provider: 'previs', model: 'previs-animatic' } });
    expect(generated.statusCode).toBe(201);
    takeId = generated.json().takes[0].id;
    h().container.startWorker();
    await waitFor(
      async () => (await h().as(director, { method: 'GET', url: url(`/takes/${takeId}`) })).json().status,
      (s) => s === 'succeeded',
    );
    expect((await h().as(director, { method: 'POST', url: url(`/takes/${takeId}/review`), payload: { state: 'selected' } })).statusCode).toBe(200);
    expect((await h().as(director, { method: 'POST', url: url(`/takes/${takeId}/review`), payload: { state: 'approved' } })).statusCode).toBe(200);

    const take = (await h().as(director, { method: 'GET', url: url(`/takes/${takeId}`) })).json();
    expect(take.rights).toEqual({ atRisk: false, reasons: [] });
    const shotNow = (await h().as(director, { method: 'GET', url: url(`/shots/${shotId}`) })).json();
    expect(shotNow.readiness).toEqual({ ready: true, reasons: [] });
    expect(shotNow.approvedTakeRisk).toBeNull();
    expect((await h().as(director, { method: 'GET', url: url('/takes/at-risk') })).json()).toEqual({ takes: [] });
  });

  it('refuses a consent recorded with a past expiry unless the request confirms it, keeping nothing', async () => {
    const extraId = await likeness('EXTRA');
    const yesterday = day(-1);
    const refused = await recordConsent(producer, extraId, [
      ['person', 'Ezra Holt'],
      ['scope', 'Background'],
      ['expiresOn', yesterday],
    ]);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'consent.expiry_past', field: 'expiresOn' });
    expect(refused.json().error.message).toContain(`${yesterday} is in the past`);
    expect(await consentsOf(extraId)).toEqual([]);

    const today = await recordConsent(producer, extraId, [
      ['person', 'Ezra Holt'],
      ['scope', 'Background'],
      ['expiresOn', day(0)],
    ]);
    expect(today.statusCode).toBe(201); // the expiry day itself is still covered

    const confirmed = await recordConsent(producer, extraId, [
      ['person', 'Ezra Holt'],
      ['scope', 'Old release, for the record'],
      ['expiresOn', yesterday],
      ['confirmExpired', 'true'],
    ]);
    expect(confirmed.statusCode).toBe(201);
    expect((await consentsOf(extraId)).map((c) => c.expiresOn)).toEqual([day(0), yesterday]);
    expect((await audit()).find((e) => e.action === 'asset.consent_recorded')?.summary).toBe(`Pablo recorded Ezra Holt's consent for EXTRA until ${yesterday} (already expired, confirmed)`);
  });

  it('lets only owners and producers edit or withdraw a consent; another project’s member finds nothing', async () => {
    for (const who of [director, editor, viewer]) {
      const e = await edit(who, { scope: 'Anything', reason: 'Trying' });
      expect(e.statusCode).toBe(403);
      expect(e.json().error.code).toBe('permission.denied');
      expect(e.json().error.message).toContain('edit or withdraw consent');
      const w = await withdraw(who, { reason: 'Trying' });
      expect(w.statusCode).toBe(403);
    }
    expect((await edit(outsider, { scope: 'Anything', reason: 'Trying' })).statusCode).toBe(404);
    expect((await withdraw(outsider, { reason: 'Trying' })).statusCode).toBe(404);
    const [consent] = await consentsOf();
    expect(consent).toMatchObject({ scope: 'Likeness in previs', withdrawn: null, history: [] });
  });

  it('edits a consent’s terms saying why, keeping each change in its history and the audit chain', async () => {
    const before = day(365);
    const later = day(700);
    const r = await edit(producer, { scope: 'Likeness in previs and the trailer', expiresOn: later, person: 'Mara Quinn', reason: 'Addendum signed' });
    expect(r.statusCode).toBe(200);
    const consent = (r.json().consents as ConsentJson[])[0];
    expect(consent).toMatchObject({ scope: 'Likeness in previs and the trailer', expiresOn: later, withdrawn: null });
    expect(consent.history).toEqual([
      {
        action: 'edited',
        changes: [
          { field: 'scope', from: 'Likeness in previs', to: 'Likeness in previs and the trailer' },
          { field: 'expiresOn', from: before, to: later },
        ],
        reason: 'Addendum signed',
        by: 'Pablo',
        at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      },
    ]);
    const audited = (await audit()).find((e) => e.action === 'asset.consent_edited');
    expect(audited?.summary).toBe(
      `Pablo edited Mara Quinn's consent for MARA: scope from "Likeness in previs" to "Likeness in previs and the trailer", expiry from "${before}" to "${later}": Addendum signed`,
    );
    expect((await h().as(owner, { method: 'GET', url: url('/audit/verify') })).json()).toMatchObject({ ok: true });

    // Sending the current terms changes nothing and adds nothing to the history.
    expect((await edit(owner, { expiresOn: later, reason: 'Same' })).statusCode).toBe(200);
    expect((await consentsOf())[0].history).toHaveLength(1);
  });

  it('refuses bad edits with the field named, changing nothing', async () => {
    const past = await edit(producer, { expiresOn: day(-3), reason: 'Typo' });
    expect(past.statusCode).toBe(409);
    expect(past.json().error).toMatchObject({ code: 'consent.expiry_past', field: 'expiresOn' });
    const noReason = await edit(producer, { scope: 'Other' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.field).toBe('reason');
    const notADay = await edit(producer, { expiresOn: '2027-02-30', reason: 'Typo' });
    expect(notADay.statusCode).toBe(400);
    expect(notADay.json().error.field).toBe('expiresOn');
    const nul = await edit(producer, { scope: 'A\u0000B', reason: 'Typo' });
    expect(nul.statusCode).toBe(400);
    expect(nul.json().error.field).toBe('scope');
    expect((await edit(producer, { scope: 'X', reason: 'Typo' }, '01900000-0000-7000-8000-000000000000')).statusCode).toBe(404);
    const [consent] = await consentsOf();
    expect(consent).toMatchObject({ scope: 'Likeness in previs and the trailer', expiresOn: day(700) });
    expect(consent.history).toHaveLength(1);
  });

  it('withdraws a consent saying why: the shot, its approved take and generation are at risk, and the history and audit say so', async () => {
    const r = await withdraw(producer, { reason: 'Campaign cancelled by her agent' });
    expect(r.statusCode).toBe(200);
    const reason = `Mara Quinn withdrew consent for MARA on ${day(0)}: Campaign cancelled by her agent`;
    const consent = (r.json().consents as ConsentJson[])[0];
    expect(consent.withdrawn).toMatchObject({ by: 'Pablo', reason: 'Campaign cancelled by her agent' });
    expect(consent.history.map((x) => [x.action, x.by, x.reason])).toEqual([
      ['edited', 'Pablo', 'Addendum signed'],
      ['withdrawn', 'Pablo', 'Campaign cancelled by her agent'],
    ]);
    expect(r.json().asset.rights).toEqual({ atRisk: true, reasons: [reason] });
    expect((await audit()).find((e) => e.action === 'asset.consent_withdrawn')?.summary).toBe(
      `Pablo recorded that Mara Quinn withdrew consent for MARA: Campaign cancelled by her agent — 1 shot now at risk (${shotCode})`,
    );

    // The approved take says so, with the reason, to those who read its references; a viewer reads the picture alone.
    for (const who of [director, editor]) expect((await h().as(who, { method: 'GET', url: url(`/takes/${takeId}`) })).json().rights).toEqual({ atRisk: true, reasons: [reason] });
    expect((await h().as(director, { method: 'GET', url: url(`/shots/${shotId}/takes`) })).json().takes[0].rights).toEqual({ atRisk: true, reasons: [reason] });
    expect((await h().as(viewer, { method: 'GET', url: url(`/takes/${takeId}`) })).json()).not.toHaveProperty('rights');
    const listed = await h().as(editor, { method: 'GET', url: url('/takes/at-risk') });
    expect(listed.statusCode).toBe(200);
    expect(listed.json()).toEqual({ takes: [{ takeId, code: 'TK001', shotId, shotCode, review: 'approved', reasons: [reason] }] });
    expect((await h().as(viewer, { method: 'GET', url: url('/takes/at-risk') })).statusCode).toBe(403);

    const shot = (await h().as(director, { method: 'GET', url: url(`/shots/${shotId}`) })).json();
    expect(shot.rights).toMatchObject({ atRisk: true, reasons: [reason] });
    expect(shot.approvedTakeRisk).toEqual({ takeId, code: 'TK001', reasons: [reason] });
    expect(shot.readiness).toEqual({ ready: false, reasons: [`at risk: ${reason}`, `approved TK001 at risk: ${reason}`] });

    const generated = await h().as(director, { method: 'POST', url: url(`/shots/${shotId}/takes`), payload: { provider: 'previs', model: 'previs-animatic' } });
    expect(generated.statusCode).toBe(409);
    expect(generated.json().error.code).toBe('consent.missing');
    expect(generated.json().error.message).toContain(reason);

    // Withdrawn is final: a second withdrawal changes nothing, an edit is refused.
    expect((await withdraw(owner, { reason: 'Again' })).statusCode).toBe(200);
    const edited = await edit(producer, { expiresOn: day(900), reason: 'Renewed?' });
    expect(edited.statusCode).toBe(409);
    expect(edited.json().error.code).toBe('consent.withdrawn');
    expect((await consentsOf())[0].history).toHaveLength(2);
  });

  it('keeps the shot not ready while its approved take is at risk, even once the plan no longer uses the reference', async () => {
    const shot = (await h().as(director, { method: 'GET', url: url(`/shots/${shotId}`) })).json();
    expect((await h().as(director, { method: 'PUT', url: url(`/shots/${shotId}/references`), payload: { references: [], baseVersion: shot.planVersion } })).statusCode).toBe(200);
    const list = (await h().as(editor, { method: 'GET', url: url('/shots') })).json().shots as { id: string; rights: { atRisk: boolean }; readiness: { ready: boolean; reasons: string[] } }[];
    const row = list.find((s) => s.id === shotId)!;
    expect(row.rights.atRisk).toBe(false);
    expect(row.readiness).toEqual({ ready: false, reasons: [`approved TK001 at risk: Mara Quinn withdrew consent for MARA on ${day(0)}: Campaign cancelled by her agent`] });

    // A new consent clears the risk, and the shot is ready again.
    expect(
      (
        await recordConsent(producer, maraId, [
          ['person', 'Mara Quinn'],
          ['scope', 'Previs, renewed'],
          ['expiresOn', day(365)],
        ])
      ).statusCode,
    ).toBe(201);
    const again = (await h().as(editor, { method: 'GET', url: url(`/shots/${shotId}`) })).json();
    expect(again.readiness).toEqual({ ready: true, reasons: [] });
    expect((await h().as(director, { method: 'GET', url: url(`/takes/${takeId}`) })).json().rights).toEqual({ atRisk: false, reasons: [] });
    expect((await h().as(director, { method: 'GET', url: url('/takes/at-risk') })).json()).toEqual({ takes: [] });
  });

  it('keeps every one of 30 simultaneous edits of a consent, each from the value the one before left', async () => {
    const consent = (await consentsOf()).find((c) => c.withdrawn === null)!;
    const scopes = Array.from({ length: 30 }, (_, i) => `Previs, renewed, clause ${i + 1}`);
    const answers = await Promise.all(scopes.map((scope, i) => edit(i % 2 ? owner : producer, { scope, reason: `Clause ${i + 1}` }, consent.id)));
    expect(answers.map((a) => a.statusCode)).toEqual(scopes.map(() => 200));
    const after = (await consentsOf()).find((c) => c.id === consent.id)!;
    expect(after.history).toHaveLength(30);
    expect(after.history.map((x) => x.changes[0].to).sort()).toEqual([...scopes].sort());
    expect(after.history[0].changes[0].from).toBe('Previs, renewed');
    for (let i = 1; i < 30; i++) expect(after.history[i].changes[0].from).toBe(after.history[i - 1].changes[0].to);
    expect(after.scope).toBe(after.history[29].changes[0].to);
    expect((await audit()).filter((e) => e.action === 'asset.consent_edited')).toHaveLength(31);
    expect((await h().as(owner, { method: 'GET', url: url('/audit/verify') })).json()).toMatchObject({ ok: true });
  });
});
