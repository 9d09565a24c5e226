/**
 * One name, email, link or version asked for by several people at once, over HTTP on SQLite and
 * PostgreSQL: one succeeds, the rest get the error the API documents for a taken one (a 409 with
 * its code, or 410 for a used link), never a 500 and never two winners.
 */
import { expect, it } from 'vitest';
import type { LightMyRequestResponse as Response } from 'fastify';
import { describeEachDatabase, type Person } from '../../test/harness.ts';

function statuses(answers: Response[]): Record<number, number> {
  const tally: Record<number, number> = {};
  for (const a of answers) tally[a.statusCode] = (tally[a.statusCode] ?? 0) + 1;
  return tally;
}

const errorCodes = (answers: Response[]) => new Set(answers.filter((a) => a.statusCode >= 300).map((a) => a.json().error?.code));

const at = <T>(n: number, fn: (i: number) => Promise<T>) => Promise.all(Array.from({ length: n }, (_, i) => fn(i)));

describeEachDatabase('the same name asked for at once', (h) => {
  let admin: Person, owner: Person, director: Person;
  let projectId = '';
  const url = (path: string) => `/api/v1/projects/${projectId}${path}`;

  it('makes one instance admin of five first-run setups at once; the rest get 409 setup.done', async () => {
    const answers = await at(5, (i) => h().as(undefined, { method: 'POST', url: '/api/v1/setup', payload: { name: `Ada ${i}`, email: `ada.${i}@example.com`, password: 'correct horse battery' } }));
    expect(statuses(answers)).toEqual({ 201: 1, 409: 4 });
    expect(errorCodes(answers)).toEqual(new Set(['setup.done']));
    const first = answers.find((a) => a.statusCode === 201)!.json().account;
    admin = { id: first.id, email: first.email, name: first.name, password: 'correct horse battery', cookie: '' };
    await h().signIn(admin);
    const accounts = (await h().as(admin, { method: 'GET', url: '/api/v1/admin/accounts' })).json().accounts as { isAdmin: boolean }[];
    expect(accounts).toHaveLength(1);
  });

  it('creates one account of ten creates with one email at once; the rest get 409 account.email_taken', async () => {
    const answers = await at(10, (i) => h().as(admin, { method: 'POST', url: '/api/v1/admin/accounts', payload: { name: `Twin ${i}`, email: 'twin@example.com', password: 'correct horse battery' } }));
    expect(statuses(answers)).toEqual({ 201: 1, 409: 9 });
    expect(errorCodes(answers)).toEqual(new Set(['account.email_taken']));
  });

  it('joins once from ten accepts of one invitation at once; the rest are told it is used or that they are a member', async () => {
    [owner, director] = await Promise.all([h().person('Olga'), h().person('Dora Keller')]);
    const invitee = await h().person('Ines');
    projectId = await h().project(owner, 'CLASH', [[director, 'director']]);
    const invited = await h().as(owner, { method: 'POST', url: url('/invitations'), payload: { email: invitee.email, role: 'editor' } });
    expect(invited.statusCode).toBe(201);
    const token = new URL(invited.json().url).hash.replace('#token=', '');
    const answers = await at(10, () => h().as(invitee, { method: 'POST', url: '/api/v1/invitations/accept', payload: { token } }));
    expect(answers.filter((a) => a.statusCode === 200)).toHaveLength(1);
    expect(answers.every((a) => [200, 409, 410].includes(a.statusCode))).toBe(true);
    for (const code of errorCodes(answers)) expect(['invitation.used', 'member.exists']).toContain(code);
    const members = (await h().as(owner, { method: 'GET', url: url('/members') })).json().members as { accountId: string; role: string }[];
    expect(members.filter((m) => m.accountId === invitee.id)).toEqual([expect.objectContaining({ role: 'editor' })]);
  });

  it('adds one reference of ten named Nell or NELL at once; the rest get 409 asset.name_taken', async () => {
    const answers = await at(10, (i) => h().as(i % 2 ? owner : director, { method: 'POST', url: url('/assets'), payload: { kind: 'character', name: i % 2 ? 'Nell' : 'NELL' } }));
    expect(statuses(answers)).toEqual({ 201: 1, 409: 9 });
    expect(errorCodes(answers)).toEqual(new Set(['asset.name_taken']));
  });

  it('refuses renaming a reference to a name already taken, in any case, with 409 asset.name_taken', async () => {
    const other = await h().as(owner, { method: 'POST', url: url('/assets'), payload: { kind: 'character', name: 'Mara' } });
    expect(other.statusCode).toBe(201);
    for (const name of ['Nell', 'nell']) {
      const renamed = await h().as(owner, { method: 'PATCH', url: url(`/assets/${other.json().id}`), payload: { name } });
      expect(renamed.statusCode, renamed.body).toBe(409);
      expect(renamed.json().error).toMatchObject({ code: 'asset.name_taken', field: 'name' });
    }
  });

  it('saves one of ten edits of the same plan version at once; the rest get 409 plan.stale', async () => {
    const scene = await h().as(owner, { method: 'POST', url: url('/scenes'), payload: { heading: 'INT. BOOTH - NIGHT' } });
    const shot = await h().as(owner, { method: 'POST', url: url(`/scenes/${scene.json().id}/shots`), payload: {} });
    expect(shot.statusCode).toBe(201);
    const answers = await at(10, (i) =>
      h().as(i % 2 ? owner : director, { method: 'PUT', url: url(`/shots/${shot.json().id}/plan`), payload: { plan: { ...shot.json().plan, job: `Edit ${i}` }, baseVersion: 1 } }),
    );
    expect(statuses(answers)).toEqual({ 200: 1, 409: 9 });
    expect(errorCodes(answers)).toEqual(new Set(['plan.stale']));
    expect((await h().as(owner, { method: 'GET', url: url(`/shots/${shot.json().id}`) })).json().planVersion).toBe(2);
  });

  it('builds two sample projects at once, as DEMO and DEMO2', async () => {
    const answers = await Promise.all([owner, director].map((who) => h().as(who, { method: 'POST', url: '/api/v1/demo' })));
    expect(statuses(answers)).toEqual({ 201: 2 });
    expect(answers.map((a) => a.json().code).sort()).toEqual(['DEMO', 'DEMO2']);
  });
});
