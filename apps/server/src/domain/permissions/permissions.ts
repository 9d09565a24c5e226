/**
 * Who may do what (DESIGN.md §8), as data. Every route and command names an action; the route ×
 * role test walks the registered routes against its own copy of §8, written by hand, not this table.
 */
import { ACTIONS, READ_ACTIONS, ROLES, scopeOf, type Action, type Role } from '@backlot/contracts';

const ALL: readonly Role[] = ROLES;
const CREW: readonly Role[] = ['owner', 'producer', 'director', 'editor'];
const MAKERS: readonly Role[] = ['owner', 'producer', 'director'];
const MANAGERS: readonly Role[] = ['owner', 'producer'];
const OWNER: readonly Role[] = ['owner'];

/**
 * Project actions and the roles that may take them. One row of §8 may map to several actions.
 * `project.view` is a deliberate addition to §8: every member, the viewer included, sees the
 * project's name, code and picture settings, or a viewer could not open the project at all.
 */
export const PROJECT_PERMISSIONS: Readonly<Partial<Record<Action, readonly Role[]>>> = {
  'project.view': ALL,
  'project.read': CREW, // read project, scenes, shots, plans, assets, members
  'spend.read': MAKERS, // read spend, budgets, costs
  'spend.manage': MANAGERS, // manage budgets, price catalog, spend caps; sign off over threshold
  'audit.read': MANAGERS, // read audit log
  'project.edit_settings': MANAGERS, // edit project settings (name, rate, resolution)
  'members.manage': OWNER, // manage members and invitations
  'keys.manage': OWNER, // manage provider keys
  'project.close': OWNER, // close/reopen project
  'plan.edit': MAKERS, // edit scenes, shots, plans; lock/unlock plans; import screenplay
  'asset.edit': MAKERS, // upload, edit, lock assets; attach references
  'clearance.manage': MANAGERS, // change clearance; record, edit and withdraw consent
  // Every member may ask for takes; what each sees is narrowed by the take presenter (§8: editors
  // and viewers only selected/approved takes, viewers without prompt, request, seed or spend).
  'take.read': ALL,
  'take.generate': MAKERS, // generate, cancel, regenerate, import external takes
  'review.decide': MAKERS, // set review state rejected/maybe/selected; approve / revoke approval; criteria; in/out marks
  'review.override': MANAGERS, // approve a take whose references are at risk, with a reason (owner, producer)
  'note.write': ALL, // write notes (a viewer: client-visible only, checked by the notes service)
  // A deliberate addition to §8: every member saves and deletes their own searches of the takes grid (what each may search by is checked by the takes service).
  'take.filter_save': ALL,
  'handoff.export': CREW, // export handoff; preview an editor's cut (editors exist for exactly this)
  'cut.apply': MAKERS, // apply an editor's cut (shot order, in/out marks)
  // Retention: §8 "purge media of rejected takes" is the owner's, and so is the setting that allows it.
  // A deliberate addition: the preview (which takes, how many bytes) is read by owners and producers,
  // who manage the production's spend and storage and may already read every take and its cost.
  'retention.manage': OWNER,
  'retention.preview': MANAGERS,
  'archive.export': OWNER, // export the archive bundle
  // Dailies (§8 "create, present, close dailies" and "attend dailies"). `dailies.read` and
  // `dailies.attend` are both "attend dailies": reading a session (a viewer or editor only those
  // they are invited to, checked by the dailies service) and being in the room (presence).
  // `dailies.run` is "create, present, close dailies", and deliberately also covers editing the
  // playlist, inviting attendees and sharing the session by guest link: the people who run it.
  'dailies.read': ALL,
  'dailies.attend': ALL,
  'dailies.run': MAKERS,
};

/** Whether a role may take a project action. Non-project actions are never granted by a role. */
export function roleMay(role: Role, action: Action): boolean {
  return PROJECT_PERMISSIONS[action]?.includes(role) ?? false;
}

/** Every project action a role may take (in a closed project: reads, and reopening), for the UI to offer only those. */
export function actionsFor(role: Role, options: { closed?: boolean } = {}): Action[] {
  return ACTIONS.filter((a) => scopeOf(a) === 'project' && roleMay(role, a) && (!options.closed || allowedWhileClosed(a, !READ_ACTIONS.has(a))));
}

/** Actions that are allowed even while a project is closed (reads, and reopening it). */
export function allowedWhileClosed(action: Action, mutating: boolean): boolean {
  return !mutating || action === 'project.close';
}

/** The public allow-list of §8: the only actions a request without an account may reach. */
export const PUBLIC_ACTIONS: readonly Action[] = ACTIONS.filter((a) => scopeOf(a) === 'public');

/** A short sentence naming what a role may not do, for 403 answers. */
export function deniedMessage(role: Role, action: Action): string {
  const what: Partial<Record<Action, string>> = {
    'project.read': 'read this project’s plans and members',
    'spend.read': 'see spend and budgets',
    'spend.manage': 'change budgets, prices or spend caps',
    'audit.read': 'read the audit log',
    'project.edit_settings': 'edit project settings',
    'members.manage': 'manage members and invitations',
    'project.close': 'close or reopen the project',
    'plan.edit': 'change scenes, shots or shot plans',
    'asset.edit': 'upload, change or lock references',
    'clearance.manage': 'change clearance or record, edit or withdraw consent',
    'take.read': 'see takes',
    'take.generate': 'generate, cancel or import takes',
    'review.decide': 'review, approve or mark takes',
    'review.override': 'approve a take whose references are at risk',
    'note.write': 'write notes',
    'take.filter_save': 'save searches of takes',
    'handoff.export': 'hand off takes to editorial or read an editor’s cut',
    'cut.apply': 'apply an editor’s cut to shot order and marks',
    'archive.export': 'export the project’s archive bundle',
    'dailies.read': 'see dailies',
    'dailies.attend': 'attend dailies',
    'dailies.run': 'create, present, share or close dailies',
    'retention.preview': 'see what a retention purge would free',
    'retention.manage': 'change retention or purge the media of rejected takes',
  };
  return `A ${role} may not ${what[action] ?? action} in this project.`;
}
