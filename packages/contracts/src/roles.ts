/** Project roles and the actions routes and commands name. The table of who may do what lives in the server's domain core. */

/** Project roles, most powerful first. */
export const ROLES = ['owner', 'producer', 'director', 'editor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Every action a route or command can require. `public.*` needs no account,
 * `account.*` any signed-in account, `instance.*` the instance admin, the rest a project role.
 */
export const ACTIONS = [
  'public.health',
  'public.setup',
  'public.sign_in',
  'public.invitation_accept',
  'public.password_reset',
  'public.docs',
  'public.webhook',
  'account.self',
  'account.create_project',
  'instance.admin',
  'project.view',
  'project.read',
  'spend.read',
  'spend.manage',
  'audit.read',
  'project.edit_settings',
  'members.manage',
  'keys.manage',
  'project.close',
  'plan.edit',
  'asset.edit',
  'clearance.manage',
  'take.read',
  'take.generate',
  'review.decide',
  'review.override',
  'note.write',
  'take.filter_save',
  'handoff.export',
  'cut.apply',
  // Retention (issue 19): what a purge would free, and the setting and purge themselves.
  'retention.preview',
  'retention.manage',
  // The archive bundle (issue 19): the whole project exported, owners only (§8).
  'archive.export',
  // Dailies (issue 15): reading sessions, being in the room, running them; guests on review links.
  'dailies.read',
  'dailies.attend',
  'dailies.run',
  'public.review_link',
  'guest.view',
  'guest.write',
] as const;
export type Action = (typeof ACTIONS)[number];

/** Where an action is checked: no account, any account, the instance admin, a guest on a review link, or a project role. */
export type ActionScope = 'public' | 'account' | 'instance' | 'guest' | 'project';

/** The scope an action belongs to, read from its name. */
export function scopeOf(action: Action): ActionScope {
  if (action.startsWith('public.')) return 'public';
  if (action.startsWith('account.')) return 'account';
  if (action.startsWith('instance.')) return 'instance';
  if (action.startsWith('guest.')) return 'guest';
  return 'project';
}

/** Actions that only read; a route that changes data may not declare one. */
export const READ_ACTIONS: ReadonlySet<Action> = new Set<Action>([
  'public.health',
  'public.docs',
  'project.view',
  'project.read',
  'spend.read',
  'audit.read',
  'take.read',
  'dailies.read',
  'guest.view',
  'retention.preview',
  // Archiving changes nothing in the project but its audit trail: a closed production is the one to archive.
  'archive.export',
]);
