/**
 * Imports and uploads that number things, sent twice or more at once, over HTTP on SQLite and
 * PostgreSQL: a screenplay or shot list imported twice lands once; versions of a reference and
 * external takes of a shot are numbered one after another, none refused and none shared.
 */
import { expect, it } from 'vitest';
import type { LightMyRequestResponse as Response } from 'fastify';
import { describeEachDatabase, type Person } from '../../test/harness.ts';
import { makeTestMedia, multipart, type TestMedia } from '../../test/media.ts';

const SCREENPLAY = `Title: Two Doors

INT. KITCHEN - DAY

Mara waits by the kettle.

EXT. YARD - NIGHT

Brick runs for the gate.
`;

const SHOT_LIST = ['scene,code,order,job', '1,KITCHEN_WIDE,1,Establish the kitchen', '1,KITCHEN_CU,2,Mara at the kettle', '2,YARD_WIDE,1,Brick at the gate'].join('\n');

function statuses(answers: Response[]): Record<number, number> {
  const tally: Record<number, number> = {};
  for (const a of answers) tally[a.statusCode] = (tally[a.statusCode] ?? 0) + 1;
  return tally;
}

const at = <T>(n: number, fn: (i: number) => Promise<T>) => Promise.all(Array.from({ length: n }, (_, i) => fn(i)));

describeEachDatabase('imports and uploads at once', (h) => {
  let owner: Person, director: Person;
  let media: TestMedia;
  let projectId = '';
  const url = (path: string) => `/api/v1/projects/${projectId}${path}`;
  const someone = (i: number) => (i % 2 === 0 ? owner : director);
  const get = async (path: string) => (await h().as(owner, { method: 'GET', url: url(path) })).json();

  it('imports one screenplay three times at once: its two scenes, once, numbered from the script', async () => {
    media = makeTestMedia();
    [owner, director] = await Promise.all([h().person('Olga'), h().person('Dora Keller')]);
    projectId = await h().project(owner, 'TWICE', [[director, 'director']]);
    const answers = await at(3, (i) => h().as(someone(i), { method: 'POST', url: url('/import/fountain'), payload: { text: SCREENPLAY, fileName: 'two-doors.fountain' } }));
    expect(statuses(answers)).toEqual({ 200: 3 });
    const { scenes } = await get('/scenes');
    expect(scenes.map((s: { number: string; heading: string }) => `${s.number} ${s.heading}`)).toEqual(['1 INT. KITCHEN - DAY', '2 EXT. YARD - NIGHT']);
  });

  it('imports one shot list three times at once: its three shots, once', async () => {
    const answers = await at(3, (i) => h().as(someone(i), { method: 'POST', url: url('/shot-list/import'), payload: { format: 'csv', content: SHOT_LIST } }));
    expect(statuses(answers)).toEqual({ 200: 3 });
    expect(answers.map((a) => a.json().created).sort()).toEqual([0, 0, 3]);
    const { shots } = await get('/shots');
    expect(shots.map((s: { sceneNumber: string; code: string }) => `${s.sceneNumber} ${s.code}`)).toEqual(['1 KITCHEN_WIDE', '1 KITCHEN_CU', '2 YARD_WIDE']);
  });

  it('uploads four versions of one reference at once, numbered 1 to 4', async () => {
    const asset = await h().as(owner, { method: 'POST', url: url('/assets'), payload: { kind: 'location', name: 'Kitchen' } });
    expect(asset.statusCode).toBe(201);
    const answers = await at(4, (i) => {
      const { body, contentType } = multipart([['file', `kitchen-${i}.png`, media.png, 'image/png']]);
      return h().as(someone(i), { method: 'POST', url: url(`/assets/${asset.json().id}/versions`), headers: { 'content-type': contentType }, payload: body });
    });
    expect(statuses(answers)).toEqual({ 201: 4 });
    const detail = await get(`/assets/${asset.json().id}`);
    expect(detail.versions.map((v: { version: number }) => v.version).sort()).toEqual([1, 2, 3, 4]);
  });

  it('imports four external takes of one shot at once, numbered TK001 to TK004', async () => {
    const { shots } = await get('/shots');
    const shotId = shots[0].id as string;
    const answers = await at(4, (i) => {
      const { body, contentType } = multipart(
        [['file', `outside-${i}.mp4`, media.mp4, 'video/mp4']],
        [
          ['provider', 'Sora'],
          ['model', 'sora-2'],
          ['prompt', `Take ${i}`],
          ['cost', '1.00'],
        ],
      );
      return h().as(someone(i), { method: 'POST', url: url(`/shots/${shotId}/takes/external`), headers: { 'content-type': contentType }, payload: body });
    });
    expect(statuses(answers)).toEqual({ 201: 4 });
    const { takes } = await get(`/shots/${shotId}/takes`);
    expect(takes.map((t: { code: string }) => t.code).sort()).toEqual(['TK001', 'TK002', 'TK003', 'TK004']);
  });
});
