import { ACTIONS, ROLES, scopeOf } from '@backlot/contracts';
import { describe, expect, it } from 'vitest';
import { actionsFor, allowedWhileClosed, PROJECT_PERMISSIONS, PUBLIC_ACTIONS, roleMay } from './permissions.ts';

describe('the role × action table (DESIGN.md §8)', () => {
  // Written from §8 by hand: each row, which roles may.
  const expected: [string, string[]][] = [
    ['project.view', ['owner', 'producer', 'director', 'editor', 'viewer']],
    ['project.read', ['owner', 'producer', 'director', 'editor']],
    ['spend.read', ['owner', 'producer', 'director']],
    ['spend.manage', ['owner', 'producer']],
    ['audit.read', ['owner', 'producer']],
    ['project.edit_settings', ['owner', 'producer']],
    ['members.manage', ['owner']],
    ['keys.manage', ['owner']],
    ['project.close', ['owner']],
    ['plan.edit', ['owner', 'producer', 'director']],
    ['asset.edit', ['owner', 'producer', 'director']],
    ['clearance.manage', ['owner', 'producer']],
    ['handoff.export', ['owner', 'producer', 'director', 'editor']],
    ['cut.apply', ['owner', 'producer', 'director']],
    // "export the archive bundle": owners only.
    ['archive.export', ['owner']],
    // "attend dailies": everyone; "create, present, close dailies": owner, producer, director.
    ['dailies.read', ['owner', 'producer', 'director', 'editor', 'viewer']],
    ['dailies.attend', ['owner', 'producer', 'director', 'editor', 'viewer']],
    ['dailies.run', ['owner', 'producer', 'director']],
    // "purge media of rejected takes (retention)": the owner; the preview also for producers (a deliberate addition).
    ['retention.manage', ['owner']],
    ['retention.preview', ['owner', 'producer']],
  ];

  it.each(expected)('%s is allowed for exactly %j', (action, roles) => {
    for (const role of ROLES) expect(roleMay(role, action as never), `${role} ${action}`).toBe(roles.includes(role));
  });

  it('covers every project action, and no other', () => {
    const projectActions = ACTIONS.filter((a) => scopeOf(a) === 'project').sort();
    expect(Object.keys(PROJECT_PERMISSIONS).sort()).toEqual(projectActions);
  });

  it('never grants account, instance or public actions through a role', () => {
    for (const role of ROLES) {
      for (const a of ACTIONS.filter((x) => scopeOf(x) !== 'project')) expect(roleMay(role, a)).toBe(false);
    }
  });

  it('gives a viewer nothing that changes data but its own notes (client-visible ones, §8), its own saved searches and its presence in dailies it attends', () => {
    expect(actionsFor('viewer')).toEqual(['project.view', 'take.read', 'note.write', 'take.filter_save', 'dailies.read', 'dailies.attend']);
  });

  it('keeps the public allow-list to what §8 names', () => {
    expect([...PUBLIC_ACTIONS].sort()).toEqual(
      // public.review_link: a guest opening a dailies review link (§8's guest, issue 15): a deliberate addition.
      ['public.docs', 'public.health', 'public.invitation_accept', 'public.password_reset', 'public.setup', 'public.sign_in', 'public.webhook', 'public.review_link'].sort(),
    );
  });

  it('lets a closed project be read and reopened, and nothing else changed', () => {
    expect(allowedWhileClosed('project.read', false)).toBe(true);
    expect(allowedWhileClosed('project.close', true)).toBe(true);
    expect(allowedWhileClosed('project.edit_settings', true)).toBe(false);
    expect(allowedWhileClosed('members.manage', true)).toBe(false);
  });
});
