import { ShotPlan } from '@backlot/contracts';
import { expect, it } from 'vitest';
import { fixture } from '../../../test/fixtures.ts';
import { describeEachDatabase, type Person } from '../../../test/harness.ts';
import { projectChain } from '../../domain/audit/audit-chain.ts';

const DRAFT_1 = `Title: The Long Lunch

INT. DINER - DAY #1#

MAVIS wipes the counter.

MAVIS
You again.

JOE (V.O.)
Me again.

EXT. PARKING LOT - DAY #2#

Joe's truck won't start.

INT. KITCHEN - NIGHT #3#

The COOK burns the toast.
`;

// The revised draft: scene 2 gone, scene 3's action rewritten, a new scene 2A where Joe's cue carries (CONT'D).
const DRAFT_2 = `Title: The Long Lunch

INT. DINER - DAY #1#

MAVIS wipes the counter.

MAVIS
You again.

JOE (V.O.)
Me again.

EXT. GAS STATION - DAY #2A#

Joe fills up. The PUMP clicks off.

JOE (CONT'D)
Fill it up.

INT. KITCHEN - NIGHT #3#

The COOK scrapes the burnt toast.
`;

describeEachDatabase('importing a screenplay', (h) => {
  let owner: Person;
  let projectId: string;
  const svc = () => h().container.services;
  const actor = () => ({ accountId: owner.id, name: owner.name });
  const scenes = async () => (await svc().scenes.list(projectId)).map((s) => [s.number, s.heading, s.omittedAt !== null]);

  it('makes scenes and draft characters from a script, and audits it', async () => {
    owner = await h().person('Paula Producer');
    projectId = await h().project(owner, 'LUNCH');
    const report = await svc().screenplay.importFountain(actor(), projectId, DRAFT_1, 'long-lunch.fountain');
    expect(report.title).toBe('The Long Lunch');
    expect(report.added.map((s) => s.number)).toEqual(['1', '2', '3']);
    expect(await scenes()).toEqual([
      ['1', 'INT. DINER - DAY', false],
      ['2', 'EXT. PARKING LOT - DAY', false],
      ['3', 'INT. KITCHEN - NIGHT', false],
    ]);
    const characters = await svc().screenplay.characters(projectId);
    expect(characters.map((c) => [c.name, c.status, c.clearance, c.scenes])).toEqual([
      ['JOE', 'draft', 'uncleared', ['1']],
      ['MAVIS', 'draft', 'uncleared', ['1']],
    ]);
    const [event] = (await svc().auditLog.page(projectChain(projectId), undefined, 1)).events;
    expect(event.summary).toBe('Paula Producer imported long-lunch.fountain (“The Long Lunch”) as revision 1 (white): 3 scenes added, 0 changed, 0 unchanged, 0 omitted; 2 new characters');
  });

  it('re-importing the same script changes nothing and duplicates nothing', async () => {
    const report = await svc().screenplay.importFountain(actor(), projectId, DRAFT_1);
    expect(report.added).toEqual([]);
    expect(report.changed).toEqual([]);
    expect(report.omitted).toEqual([]);
    expect(report.unchanged.map((s) => s.number)).toEqual(['1', '2', '3']);
    expect(report.characters).toEqual({ added: [], existing: ['MAVIS', 'JOE'] });
    expect((await svc().scenes.list(projectId)).length).toBe(3);
  });

  it('a revised draft updates in place, adds, and omits the scene that is gone — keeping its shots', async () => {
    const [, parkingLot] = await svc().scenes.list(projectId);
    await svc().shots.create(actor(), projectId, parkingLot.id, { plan: ShotPlan.parse({ job: 'The truck dies' }) });
    const report = await svc().screenplay.importFountain(actor(), projectId, DRAFT_2);
    expect(report.added.map((s) => [s.number, s.heading])).toEqual([['2A', 'EXT. GAS STATION - DAY']]);
    expect(report.characters).toEqual({ added: [], existing: ['MAVIS', 'JOE'] });
    expect(report.changed.map((s) => [s.number, s.fields])).toEqual([['3', ['excerpt']]]);
    expect(report.unchanged.map((s) => s.number)).toEqual(['1']);
    expect(report.omitted.map((s) => s.number)).toEqual(['2']);
    expect((await scenes()).filter(([, , omitted]) => !omitted)).toEqual([
      ['1', 'INT. DINER - DAY', false],
      ['2A', 'EXT. GAS STATION - DAY', false],
      ['3', 'INT. KITCHEN - NIGHT', false],
    ]);
    const kept = await svc().scenes.get(projectId, parkingLot.id);
    expect(kept.omittedAt).not.toBeNull();
    expect((await svc().shots.list(projectId, parkingLot.id)).map((s) => s.plan.job)).toEqual(['The truck dies']);
    expect((await svc().scenes.get(projectId, (await svc().scenes.list(projectId)).find((s) => s.number === '3')!.id)).excerpt).toContain('scrapes the burnt toast');
  });

  it('refuses a file that is not a screenplay, writing nothing', async () => {
    const before = await scenes();
    const eventsBefore = (await svc().auditLog.page(projectChain(projectId), undefined, 1)).total;
    for (const bad of ['', '   \n\n', '\u0000\u0001PNG binary', 'Just a shopping list.\nEggs.\nMilk.']) {
      await expect(svc().screenplay.importFountain(actor(), projectId, bad)).rejects.toMatchObject({ code: 'screenplay.invalid' });
    }
    expect(await scenes()).toEqual(before);
    expect((await svc().auditLog.page(projectChain(projectId), undefined, 1)).total).toBe(eventsBefore);
  });

  it('imports the complete sample script, every heading a scene', async () => {
    const id = await h().project(owner, 'BRICK');
    const text = fixture('fountain/brick-and-steel.fountain');
    const report = await svc().screenplay.importFountain(actor(), id, text, 'brick-and-steel.fountain');
    const headings = text.split('\n').filter((l) => /^(INT|EXT|EST|INT\.\/EXT|I\/E)[. ]/.test(l.trim()) || /^\.[A-Z]/.test(l.trim())).length;
    expect(report.added.length).toBe(headings);
    expect(report.characters.added).toEqual(expect.arrayContaining(['BRICK', 'STEEL']));
    const again = await svc().screenplay.importFountain(actor(), id, text);
    expect([again.added.length, again.changed.length, again.omitted.length]).toEqual([0, 0, 0]);
  });
});
