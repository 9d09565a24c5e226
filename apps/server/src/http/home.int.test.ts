/**
 * A member's home over HTTP, on SQLite and PostgreSQL: mentions (internal ones only to those who
 * read internal notes), new notes on takes a member made, takes waiting for a decision (only where
 * the member decides), failed or refused generations, shots at risk from a reference's clearance
 * (only to those who read plans); read and unread per item, all at once, and marking read many
 * times at once. A viewer's home carries no prompt, seed, request or cost (DESIGN.md §8).
 */
import { expect, it } from 'vitest';
import { describeEachDatabase, type Person } from '../../test/harness.ts';
import { makeTestMedia, multipart } from '../../test/media.ts';
import { waitFor } from '../../test/wait.ts';

const media = makeTestMedia();
const PLAN = {
  job: 'Establish the night shift',
  subjectAction: 'Mara crosses the empty loading bay.',
  camera: { size: 'WS', movement: 'static' },
  reviewCriteria: ['Mara readable'],
  targetFrames: 12,
};
/** Keys a viewer must never find in what they read (§8). */
const HIDDEN_FROM_VIEWERS = ['prompt', 'negativePrompt', 'request', 'seed', 'settings', 'cost', 'estimate', 'reason', 'requestedBy'];

interface Item {
  key: string;
  kind: string;
  read: boolean;
  title: string;
  detail: string;
  project: { code: string };
  take?: { id: string; code: string; shotCode: string; poster: string | null };
  shot?: { code: string };
  note?: { authorName: string };
}
interface Feed {
  items: Item[];
  unread: number;
}

function keysOf(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) keysOf(v, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      keysOf(v, out);
    }
  }
  return out;
}

describeEachDatabase('home', (h) => {
  let owner: Person, dora: Person, vera: Person, eddie: Person;
  let projectId = '';
  let shotId = '';
  let tk1 = '';
  let tk2 = '';
  const url = (path: string) => `/api/v1/projects/${projectId}${path}`;
  const home = async (who: Person) => {
    const r = await h().as(who, { method: 'GET', url: '/api/v1/home' });
    expect(r.statusCode).toBe(200);
    return r.json() as Feed;
  };
  const titles = (f: Feed) => f.items.map((i) => i.title);
  const note = (who: Person, takeId: string, body: string, visibility: 'internal' | 'client') => h().as(who, { method: 'POST', url: url(`/takes/${takeId}/notes`), payload: { body, visibility } });

  it('sets up a shot with two takes Dora generated, rendered', async () => {
    owner = await h().person('Olga Owner');
    dora = await h().person('Dora');
    vera = await h().person('Vera');
    eddie = await h().person('Eddie');
    projectId = await h().project(owner, 'HOME', [
      [dora, 'director'],
      [vera, 'viewer'],
      [eddie, 'editor'],
    ]);
    await h().as(owner, { method: 'PATCH', url: url(''), payload: { resolution: { width: 160, height: 90 } } });
    const scene = (await h().as(dora, { method: 'POST', url: url('/scenes'), payload: { heading: 'INT. LOADING BAY - NIGHT' } })).json();
    shotId = (await h().as(dora, { method: 'POST', url: url(`/scenes/${scene.id}/shots`), payload: { plan: PLAN } })).json().id;
    const made = (await h().as(dora, { method: 'POST', url: url(`/shots/${shotId}/takes`), payload: { provider: 'previs', model: 'previs-animatic', count: 2 } })).json().takes as { id: string }[];
    [tk1, tk2] = made.map((t) => t.id);
    h().container.startWorker();
    await waitFor(
      async () => (await h().as(dora, { method: 'GET', url: url(`/shots/${shotId}/takes`) })).json().takes as { status: string }[],
      (l) => l.every((t) => t.status === 'succeeded'),
    );
  });

  it('shows takes waiting for a decision to those who decide, and nothing to a viewer or an editor', async () => {
    const mine = await home(dora);
    expect(titles(mine).sort()).toEqual(['SC001_SH010 TK001 is waiting for a decision', 'SC001_SH010 TK002 is waiting for a decision']);
    expect(mine.unread).toBe(2);
    expect(mine.items.every((i) => i.kind === 'awaiting_decision' && !i.read && i.take?.poster?.startsWith(`/api/v1/projects/${projectId}/takes/`))).toBe(true);
    expect((await home(owner)).items.filter((i) => i.kind === 'awaiting_decision')).toHaveLength(2);
    expect(await home(vera)).toEqual({ items: [], unread: 0 });
    expect(await home(eddie)).toEqual({ items: [], unread: 0 });
  });

  it('delivers mentions: an internal note to Dora only; a client-visible one to Vera too, with nothing a viewer may not read', async () => {
    await h().as(owner, { method: 'POST', url: url(`/takes/${tk1}/review`), payload: { state: 'selected' } });
    await h().as(owner, { method: 'POST', url: url(`/takes/${tk1}/review`), payload: { state: 'approved' } });
    expect((await note(owner, tk1, '@Dora @Vera the shutter logo shows at the end', 'internal')).statusCode).toBe(201);
    const doraHome = await home(dora);
    const mention = doraHome.items.find((i) => i.kind === 'mention')!;
    expect(mention).toMatchObject({ title: 'Olga Owner mentioned you on SC001_SH010 TK001', detail: '@Dora @Vera the shutter logo shows at the end', read: false, note: { authorName: 'Olga Owner' } });
    // The same note is on Dora's take, but it is one item, the mention.
    expect(doraHome.items.filter((i) => i.kind === 'note_on_my_take')).toEqual([]);
    // The internal note is not Vera's to read.
    expect(await home(vera)).toEqual({ items: [], unread: 0 });

    expect((await note(owner, tk1, '@Vera this is the one we keep', 'client')).statusCode).toBe(201);
    const veraHome = await home(vera);
    expect(veraHome.items.map((i) => [i.kind, i.title, i.detail])).toEqual([['mention', 'Olga Owner mentioned you on SC001_SH010 TK001', '@Vera this is the one we keep']]);
    expect(veraHome.unread).toBe(1);
    const keys = keysOf(veraHome);
    for (const hidden of HIDDEN_FROM_VIEWERS) expect(keys.has(hidden), hidden).toBe(false);
    // The poster it names is one Vera may fetch.
    expect((await h().as(vera, { method: 'GET', url: veraHome.items[0].take!.poster! })).statusCode).toBe(200);
    // Nothing about takes waiting for a decision (she decides nothing) nor at risk (she reads no plans).
    expect(veraHome.items.some((i) => i.kind === 'awaiting_decision' || i.kind === 'shot_at_risk')).toBe(false);
  });

  it('tells Dora of a new note on a take she made, written by someone else', async () => {
    expect((await note(vera, tk1, 'Lovely light.', 'client')).statusCode).toBe(201);
    expect((await note(dora, tk1, 'My own note, not news to me.', 'internal')).statusCode).toBe(201);
    const items = (await home(dora)).items.filter((i) => i.kind === 'note_on_my_take');
    // Newest first: Vera's note came after Olga's client-visible one (Olga's internal one is Dora's mention).
    expect(items.map((i) => [i.title, i.detail])).toEqual([
      ['Vera wrote a note on your take SC001_SH010 TK001', 'Lovely light.'],
      ['Olga Owner wrote a note on your take SC001_SH010 TK001', '@Vera this is the one we keep'],
    ]);
  });

  it('lists a refused generation to whoever asked for it', async () => {
    // A provider's refusal, as the worker records it.
    await h().container.store.transaction((tx) =>
      tx.takes.update(tk2, { status: 'failed', error: { code: 'moderation', message: 'Previs refused the prompt on content policy: flagged', category: 'moderation' } }),
    );
    const failed = (await home(dora)).items.filter((i) => i.kind === 'generation_failed');
    expect(failed.map((i) => [i.title, i.detail])).toEqual([['SC001_SH010 TK002 was refused', 'Previs refused the prompt on content policy: flagged']]);
    expect((await home(owner)).items.some((i) => i.kind === 'generation_failed')).toBe(false);
  });

  it('lists a shot at risk when a reference of its plan is restricted, to those who read plans only', async () => {
    const asset = (await h().as(dora, { method: 'POST', url: url('/assets'), payload: { kind: 'location', name: 'Loading bay' } })).json();
    const upload = multipart([['main', 'bay.png', media.png, 'image/png']]);
    expect((await h().as(dora, { method: 'POST', url: url(`/assets/${asset.id}/versions`), headers: { 'content-type': upload.contentType }, payload: upload.body })).statusCode).toBe(201);
    const shot = (await h().as(dora, { method: 'GET', url: url(`/shots/${shotId}`) })).json();
    expect(
      (await h().as(dora, { method: 'PUT', url: url(`/shots/${shotId}/references`), payload: { references: [{ assetId: asset.id, version: 1, role: 'location' }], baseVersion: shot.planVersion } }))
        .statusCode,
    ).toBe(200);
    expect((await home(dora)).items.some((i) => i.kind === 'shot_at_risk')).toBe(false);
    expect((await h().as(owner, { method: 'POST', url: url(`/assets/${asset.id}/clearance`), payload: { clearance: 'restricted', reason: 'the owner of the bay said no' } })).statusCode).toBe(200);
    for (const who of [dora, owner, eddie]) {
      const risk = (await home(who)).items.filter((i) => i.kind === 'shot_at_risk');
      expect(risk.map((i) => [i.title, i.detail, i.shot?.code])).toEqual([['SC001_SH010 is at risk', 'Loading bay is restricted', 'SC001_SH010']]);
    }
    expect((await home(vera)).items.some((i) => i.kind === 'shot_at_risk')).toBe(false);
  });

  it('marks items read one by one or all at once; read state is each member’s own', async () => {
    const before = await home(dora);
    const mention = before.items.find((i) => i.kind === 'mention')!;
    const marked = await h().as(dora, { method: 'POST', url: '/api/v1/home/read', payload: { keys: [mention.key] } });
    expect(marked.statusCode).toBe(200);
    expect(marked.json().unread).toBe(before.unread - 1);
    const after = await home(dora);
    expect(after.items.find((i) => i.key === mention.key)!.read).toBe(true);
    expect(after.unread).toBe(before.unread - 1);
    // Vera's own mention is still unread.
    expect((await home(vera)).unread).toBe(1);

    const all = await h().as(dora, { method: 'POST', url: '/api/v1/home/read', payload: { all: true } });
    expect(all.json()).toEqual({ unread: 0 });
    expect((await home(dora)).items.every((i) => i.read)).toBe(true);

    // Something new comes in unread.
    await note(vera, tk1, '@Dora one more thing', 'client');
    const fresh = await home(dora);
    expect(fresh.unread).toBe(1);
    expect(fresh.items.find((i) => !i.read)!.title).toBe('Vera mentioned you on SC001_SH010 TK001');
  });

  it('takes dozens of read marks at once without a failure', async () => {
    const { items } = await home(owner);
    const keys = items.map((i) => i.key);
    const answers = await Promise.all(Array.from({ length: 30 }, () => h().as(owner, { method: 'POST', url: '/api/v1/home/read', payload: { keys } })));
    expect(answers.map((r) => r.statusCode)).toEqual(Array(30).fill(200));
    expect((await home(owner)).unread).toBe(0);
  });

  it('refuses a bad read request naming the field, changing nothing', async () => {
    const neither = await h().as(vera, { method: 'POST', url: '/api/v1/home/read', payload: {} });
    expect(neither.statusCode).toBe(400);
    expect(neither.json().error.field).toBe('keys');
    const nul = await h().as(vera, { method: 'POST', url: '/api/v1/home/read', payload: { keys: ['mention:\u0000'] } });
    expect(nul.statusCode).toBe(400);
    expect(nul.json().error.field).toBe('keys.0');
    expect((await home(vera)).unread).toBe(1);
  });
});
