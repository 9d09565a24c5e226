/**
 * Fills a fresh Backlot database with one project: an owner, 49 more members in every role and
 * an audit chain of 10,000 events, all written by the real services.
 *
 * Members join the way people do (an invitation, then its acceptance). The remaining events are
 * settings edits and role changes made by `projects.update` and `members.changeRole`, run a few
 * hundred to a transaction: the services get a store whose `transaction` is the surrounding one,
 * so each call does exactly what it does in production (reads, checks, row change, chained audit
 * event) and only the commits are grouped.
 */
import type { Role } from '@backlot/contracts';
import { createArgon2Hasher } from '../../apps/server/src/adapters/system/argon2-hasher.ts';
import { nodeSecrets, systemClock, uuidV7Ids } from '../../apps/server/src/adapters/system/system.ts';
import type { Container } from '../../apps/server/src/container.ts';
import { projectChain } from '../../apps/server/src/domain/audit/audit-chain.ts';
import type { Repos, Store } from '../../apps/server/src/ports/store.ts';
import type { Actor } from '../../apps/server/src/services/audit/audit-append.ts';
import { createMembersService } from '../../apps/server/src/services/members/members.service.ts';
import { createProjectsService } from '../../apps/server/src/services/projects/projects.service.ts';

export interface SeedOptions {
  members: number;
  events: number;
  /** Service calls committed together. */
  batch: number;
  progress: (done: number, total: number) => void;
}

export interface Seeded {
  projectId: string;
  chain: string;
  ownerId: string;
  /** The owner's API token (blt_…) and its stored hash. */
  token: string;
  tokenHash: string;
  roles: Record<Role, number>;
  events: number;
  verified: { ok: boolean; count: number; problem: string | null };
  seconds: number;
}

/** How the 50 members are spread over the roles (the creator is one of the owners). */
function rolePlan(members: number): Role[] {
  const share: [Role, number][] = [
    ['owner', 0.06],
    ['producer', 0.14],
    ['director', 0.1],
    ['editor', 0.3],
  ];
  const plan: Role[] = [];
  for (const [role, part] of share) for (let i = 0; i < Math.max(1, Math.round(members * part)) - (role === 'owner' ? 1 : 0); i++) plan.push(role);
  while (plan.length < members - 1) plan.push('viewer');
  return plan.slice(0, members - 1);
}

/** A store bound to an open transaction: a service's own `transaction` joins it. */
function joined(tx: Repos): Store {
  return { read: tx, transaction: (work) => work(tx) };
}

export async function seedProject(container: Container, options: SeedOptions): Promise<Seeded> {
  const started = performance.now();
  const { services, store } = container;
  const password = 'bench-password-not-secret';

  const owner = await services.accounts.setup({ name: 'Olivia Marsh', email: 'olivia@studio.example', password });
  const ownerActor: Actor & { accountId: string } = { accountId: owner.id, name: owner.name };
  const project = await services.projects.create(ownerActor, {
    name: 'Nightfall',
    code: 'NF01',
    frameRate: '24/1',
    timecodeMode: 'ndf',
    resolution: { width: 1920, height: 1080 },
    currency: 'EUR',
    budget: '250000',
  });
  const chain = projectChain(project.id);
  const { secret, token } = await services.auth.createToken(ownerActor, owner, 'bench');

  // Members join through an invitation each, as they would from the web UI.
  const plan = rolePlan(options.members);
  const people: { actor: Actor & { accountId: string }; role: Role }[] = [{ actor: ownerActor, role: 'owner' }];
  for (const [i, role] of plan.entries()) {
    const email = `member${String(i + 2).padStart(2, '0')}@studio.example`;
    const { url } = await services.members.invite(ownerActor, project.id, { email, role, expiresInDays: 7 });
    const inviteToken = new URL(url).hash.replace(/^#token=/, '');
    const { account } = await services.members.accept(inviteToken, undefined, { name: `Member ${i + 2} (${role})`, password });
    people.push({ actor: { accountId: account.id, name: account.name }, role });
    options.progress((await store.read.audit.head(chain))!.count, options.events);
  }

  // Settings edits by owners and producers; now and then a role change between two roles.
  const editors = people.filter((p) => p.role === 'owner' || p.role === 'producer').map((p) => p.actor);
  const movable = people.filter((p) => p.role !== 'owner');
  const swap: Record<Role, Role> = { owner: 'owner', producer: 'director', director: 'producer', editor: 'viewer', viewer: 'editor' };
  const resolutions = [
    { width: 1920, height: 1080 },
    { width: 3840, height: 2160 },
  ];
  const deps = { clock: systemClock, ids: uuidV7Ids, secrets: nodeSecrets };
  let done = (await store.read.audit.head(chain))!.count;
  let step = 0;
  while (done < options.events) {
    const n = Math.min(options.batch, options.events - done);
    await store.transaction(async (tx) => {
      const inner = joined(tx);
      const projects = createProjectsService({ store: inner, ...deps });
      const members = createMembersService({ store: inner, ...deps, hasher: createArgon2Hasher({ fast: true }), mailer: container.mailer, settings: { publicUrl: container.publicUrl } });
      for (let i = 0; i < n; i++, step++) {
        const actor = editors[step % editors.length];
        // Every call below changes something, so each one appends exactly one event.
        switch (step % 5) {
          case 0:
            await projects.update(actor, project.id, { budget: `${250000 + step}.50` });
            break;
          case 1:
            await projects.update(actor, project.id, { name: `Nightfall (cut ${step})` });
            break;
          case 2:
            await projects.update(actor, project.id, { resolution: resolutions[Math.floor(step / 5) % 2 === 0 ? 1 : 0] });
            break;
          case 3: {
            // Each member is moved, then moved back on the next role change: the mix stays as planned.
            const m = movable[Math.floor(step / 10) % movable.length];
            m.role = swap[m.role];
            await members.changeRole(actor, project.id, m.actor.accountId, m.role);
            break;
          }
          default:
            await projects.update(actor, project.id, { budget: `${250000 + step}` });
        }
      }
    });
    done = (await store.read.audit.head(chain))!.count;
    options.progress(done, options.events);
  }

  const verified = await services.auditLog.verify(chain);
  const roles = { owner: 0, producer: 0, director: 0, editor: 0, viewer: 0 } as Record<Role, number>;
  for (const m of await services.members.list(project.id)) roles[m.role] += 1;
  return {
    projectId: project.id,
    chain,
    ownerId: owner.id,
    token: secret,
    tokenHash: token.tokenHash,
    roles,
    events: done,
    verified: { ok: verified.ok, count: verified.count, problem: verified.problem },
    seconds: (performance.now() - started) / 1000,
  };
}
