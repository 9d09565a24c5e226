/**
 * A member's home across their open projects: notes that mention them, new notes on takes they
 * made, rendered takes waiting for a decision (where they decide), their failed or refused
 * generations, and shots at risk from their references' rights (where they read plans). Each item
 * is filtered by the member's role in its project exactly as the take and note routes are, and
 * carries no prompt, seed or cost. Read state is kept per item key, so an item that changes
 * meaning (a shot at risk for a new reason) comes back unread.
 */
import type { HomeFeed, HomeItem, HomeReadInput, Role } from '@backlot/contracts';
import { roleMay } from '../../domain/permissions/permissions.ts';
import { noteVisibleTo } from '../../domain/review/notes.rules.ts';
import type { AssetRecord } from '../../ports/asset-store.ts';
import type { Clock } from '../../ports/clock.ts';
import type { HomeNoteRow, HomeTakeRow } from '../../ports/home-store.ts';
import { formatAmount } from '../../domain/project/project.rules.ts';
import type { ProjectRecord, Store } from '../../ports/store.ts';
import { takeCode } from '../generate/generate.service.ts';
import { takeMediaUrl, takeVisibleTo } from '../generate/take-presenter.ts';

export interface HomeDeps {
  store: Store;
  clock: Clock;
  /** The rights of references, from their records and today's date. */
  riskOf: (assets: AssetRecord[]) => Promise<Map<string, { atRisk: boolean; reasons: string[] }>>;
}

/** How many items of each kind home looks at, and how many it shows. */
const PER_KIND = 50;
const SHOWN = 100;
/** How much of a note's words an item carries. */
const EXCERPT = 280;

type Project = ProjectRecord & { role: Role };
type Unread = Omit<HomeItem, 'read'>;

const excerpt = (body: string) => (body.length > EXCERPT ? `${body.slice(0, EXCERPT - 1)}…` : body);

export function createHomeService(deps: HomeDeps) {
  const read = deps.store.read;

  function takeOf(p: Project, t: HomeTakeRow): NonNullable<HomeItem['take']> {
    return { id: t.takeId, code: takeCode(t.number), shotCode: t.shotCode, poster: t.posterSha256 ? takeMediaUrl(p.id, t.takeId, t.posterSha256) : null };
  }
  const projectOf = (p: Project) => ({ id: p.id, code: p.code, name: p.name });

  /** A note the member may see in that project: its take is one they see, and so is the note (a viewer: client-visible ones). */
  const noteSeen = (p: Project, r: HomeNoteRow) => takeVisibleTo(p.role, { review: r.take.review, outputHidden: r.take.outputHidden }) && noteVisibleTo(p.role, r.note);

  async function shotsAtRisk(p: Project): Promise<Unread[]> {
    const shots = (await read.shots.list(p.id)).filter((s) => s.status !== 'omitted');
    if (shots.length === 0) return [];
    const refs = await read.references.currentForShots(shots.map((s) => s.id));
    const assets = await read.assets.findMany(p.id, [...new Set(refs.map((r) => r.assetId))]);
    const risk = await deps.riskOf(assets);
    const byId = new Map(assets.map((a) => [a.id, a]));
    const items: Unread[] = [];
    for (const shot of shots) {
      const risky = [...new Set(refs.filter((r) => r.shotId === shot.id).map((r) => r.assetId))].map((id) => byId.get(id)).filter((a): a is AssetRecord => !!a && !!risk.get(a.id)?.atRisk);
      if (risky.length === 0) continue;
      const at = risky.map((a) => a.updatedAt).sort().at(-1)!;
      const reasons = [...new Set(risky.flatMap((a) => risk.get(a.id)!.reasons))];
      items.push({ key: `risk:${shot.id}:${at}`, kind: 'shot_at_risk', at, title: `${shot.code} is at risk`, detail: reasons.join(' '), project: projectOf(p), shot: { id: shot.id, code: shot.code } });
    }
    return items;
  }

  /** Every item that concerns the member now, newest first, without read state. */
  async function items(accountId: string): Promise<Unread[]> {
    const projects = await read.projects.listForAccount(accountId, 'exclude');
    const byId = new Map(projects.map((p) => [p.id, p]));
    const ids = projects.map((p) => p.id);
    const out: Unread[] = [];

    const mentions = (await read.home.mentioning(accountId, ids, PER_KIND)).filter((r) => noteSeen(byId.get(r.note.projectId)!, r));
    for (const r of mentions) {
      const p = byId.get(r.note.projectId)!;
      const take = takeOf(p, r.take);
      out.push({ key: `mention:${r.note.id}`, kind: 'mention', at: r.note.createdAt, title: `${r.note.authorName} mentioned you on ${take.shotCode} ${take.code}`, detail: excerpt(r.note.body), project: projectOf(p), take, note: { id: r.note.id, authorName: r.note.authorName, frame: r.note.frame } });
    }
    const mentioned = new Set(mentions.map((r) => r.note.id));
    for (const r of await read.home.onTakesBy(accountId, ids, PER_KIND)) {
      const p = byId.get(r.note.projectId)!;
      if (mentioned.has(r.note.id) || !noteSeen(p, r)) continue;
      const take = takeOf(p, r.take);
      const did = r.note.parentId ? 'replied on' : 'wrote a note on';
      out.push({ key: `note:${r.note.id}`, kind: 'note_on_my_take', at: r.note.createdAt, title: `${r.note.authorName} ${did} your take ${take.shotCode} ${take.code}`, detail: excerpt(r.note.body), project: projectOf(p), take, note: { id: r.note.id, authorName: r.note.authorName, frame: r.note.frame } });
    }

    const generating = projects.filter((p) => roleMay(p.role, 'take.generate')).map((p) => p.id);
    for (const t of await read.home.failedTakesBy(accountId, generating, PER_KIND)) {
      const p = byId.get(t.projectId)!;
      const take = takeOf(p, t);
      const refused = t.error?.category === 'moderation';
      out.push({ key: `failed:${t.takeId}`, kind: 'generation_failed', at: t.at, title: `${take.shotCode} ${take.code} ${refused ? 'was refused' : 'failed'}`, detail: t.error?.message ?? 'The generation did not finish.', project: projectOf(p), take });
    }

    const deciding = projects.filter((p) => roleMay(p.role, 'review.decide')).map((p) => p.id);
    for (const t of await read.home.unreviewed(deciding, PER_KIND)) {
      const p = byId.get(t.projectId)!;
      const take = takeOf(p, t);
      out.push({ key: `decide:${t.takeId}`, kind: 'awaiting_decision', at: t.at, title: `${take.shotCode} ${take.code} is waiting for a decision`, detail: 'Rendered and not reviewed yet.', project: projectOf(p), take });
    }

    const signing = projects.filter((p) => roleMay(p.role, 'spend.manage')).map((p) => p.id);
    for (const t of await read.home.awaitingSignOff(signing, PER_KIND)) {
      const p = byId.get(t.projectId)!;
      const take = takeOf(p, t);
      out.push({
        key: `sign-off:${t.takeId}`,
        kind: 'awaiting_sign_off',
        at: t.requestedAt,
        title: `${t.requestedByName} asks for ${take.shotCode} ${take.code}: waiting for your sign-off`,
        detail: `Estimated at ${formatAmount(t.estimateMicros)} ${t.currency}, over the project's sign-off threshold of ${p.generation.signOffAbove ?? '—'} ${t.currency}.`,
        project: projectOf(p),
        take,
      });
    }
    for (const t of await read.home.signOffsFor(accountId, generating, PER_KIND)) {
      const p = byId.get(t.projectId)!;
      const take = takeOf(p, t);
      const s = t.signOff!;
      out.push({
        key: `signed:${t.takeId}`,
        kind: 'sign_off_decided',
        at: s.at,
        title: s.decision === 'signed_off' ? `${s.byName} signed off ${take.shotCode} ${take.code}` : `${s.byName} refused to sign off ${take.shotCode} ${take.code}`,
        detail: s.decision === 'signed_off' ? `It is queued and will be generated.${s.reason ? ` ${s.reason}` : ''}` : `Why: ${s.reason ?? '—'}`,
        project: projectOf(p),
        take,
      });
    }
    for (const p of projects.filter((x) => roleMay(x.role, 'project.read'))) out.push(...(await shotsAtRisk(p)));

    return out.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.key.localeCompare(b.key))).slice(0, SHOWN);
  }

  async function feed(accountId: string): Promise<HomeFeed> {
    const all = await items(accountId);
    const seen = await read.home.readKeys(accountId, all.map((i) => i.key));
    const withRead = all.map((i): HomeItem => ({ ...i, read: seen.has(i.key) }));
    return { items: withRead, unread: withRead.filter((i) => !i.read).length };
  }

  return {
    feed,

    /** Marks items read (some by key, or all that home shows now); answers how many stay unread. */
    async markRead(accountId: string, input: Pick<HomeReadInput, 'keys' | 'all'>): Promise<{ unread: number }> {
      const keys = input.all ? (await items(accountId)).map((i) => i.key) : (input.keys ?? []);
      if (keys.length) await deps.store.transaction((tx) => tx.home.markRead(accountId, keys, deps.clock.now().toISOString()));
      return { unread: (await feed(accountId)).unread };
    },
  };
}

export type HomeService = ReturnType<typeof createHomeService>;
