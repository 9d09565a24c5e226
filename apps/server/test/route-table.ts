/**
 * Who may call each route, written by hand from DESIGN.md §8 for the route × role test: every
 * route's method, path, the action it must declare, and who may call it. It is deliberately not
 * computed from the server's permission table or its endpoint table, so a wrong entry in either
 * (a role given an action it should not have, a route declaring the wrong action) fails the test.
 * A new route needs a row here; change a row only as deliberately as §8 itself.
 */
import type { Action, Role } from '@backlot/contracts';

/** Who may call a route: no account needed, any signed-in account, the instance admin, a guest on a dailies review link, or members in these roles. */
export type Who = 'public' | 'any account' | 'instance admin' | 'guest' | readonly Role[];

export interface RouteRow {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** As registered, with `:params`. */
  path: string;
  /** The action the route must declare. */
  action: Action;
  who: Who;
}

// The columns of §8 that rows repeat, spelled out once.
const EVERY_MEMBER: readonly Role[] = ['owner', 'producer', 'director', 'editor', 'viewer'];
const ALL_BUT_VIEWERS: readonly Role[] = ['owner', 'producer', 'director', 'editor'];
const OWNER_PRODUCER_DIRECTOR: readonly Role[] = ['owner', 'producer', 'director'];
const OWNER_PRODUCER: readonly Role[] = ['owner', 'producer'];
const OWNER_ONLY: readonly Role[] = ['owner'];

const row = (method: RouteRow['method'], path: string, action: Action, who: Who): RouteRow => ({ method, path, action, who });

export const ROUTE_TABLE: readonly RouteRow[] = [
  // Public allow-list (§8): health, sign-in, first-run setup, invitation accept, password reset
  // with a token, provider webhooks carrying a per-take secret; and the API's own description.
  row('GET', '/api/v1/health', 'public.health', 'public'),
  row('GET', '/api/v1/setup', 'public.setup', 'public'),
  row('POST', '/api/v1/setup', 'public.setup', 'public'),
  row('POST', '/api/v1/auth/sign-in', 'public.sign_in', 'public'),
  row('POST', '/api/v1/auth/forgot', 'public.password_reset', 'public'),
  row('POST', '/api/v1/auth/reset', 'public.password_reset', 'public'),
  row('POST', '/api/v1/invitations/preview', 'public.invitation_accept', 'public'),
  row('POST', '/api/v1/invitations/accept', 'public.invitation_accept', 'public'),
  row('POST', '/api/v1/webhooks/takes/:takeId/:secret', 'public.webhook', 'public'),
  row('GET', '/api/openapi.json', 'public.docs', 'public'),

  // One's own account, sessions, tokens and projects.
  row('POST', '/api/v1/auth/sign-out', 'account.self', 'any account'),
  row('GET', '/api/v1/auth/me', 'account.self', 'any account'),
  row('PATCH', '/api/v1/auth/me', 'account.self', 'any account'),
  row('POST', '/api/v1/auth/password', 'account.self', 'any account'),
  row('GET', '/api/v1/sessions', 'account.self', 'any account'),
  row('DELETE', '/api/v1/sessions/:id', 'account.self', 'any account'),
  row('GET', '/api/v1/tokens', 'account.self', 'any account'),
  // A member's home reads only what each of their projects lets them see.
  row('GET', '/api/v1/home', 'account.self', 'any account'),
  row('POST', '/api/v1/home/read', 'account.self', 'any account'),
  row('POST', '/api/v1/tokens', 'account.self', 'any account'),
  row('DELETE', '/api/v1/tokens/:id', 'account.self', 'any account'),
  row('GET', '/api/v1/projects', 'account.self', 'any account'),
  // "Decides whether any account may create projects (the default) or only admins."
  row('POST', '/api/v1/projects', 'account.create_project', 'any account'),
  row('POST', '/api/v1/demo', 'account.create_project', 'any account'),

  // The instance admin: accounts, password resets, instance settings, the instance audit log.
  row('GET', '/api/v1/admin/accounts', 'instance.admin', 'instance admin'),
  row('POST', '/api/v1/admin/accounts', 'instance.admin', 'instance admin'),
  row('PATCH', '/api/v1/admin/accounts/:id', 'instance.admin', 'instance admin'),
  row('POST', '/api/v1/admin/accounts/:id/reset-link', 'instance.admin', 'instance admin'),
  row('GET', '/api/v1/admin/settings', 'instance.admin', 'instance admin'),
  row('PATCH', '/api/v1/admin/settings', 'instance.admin', 'instance admin'),
  row('GET', '/api/v1/admin/audit', 'instance.admin', 'instance admin'),
  row('GET', '/api/v1/admin/audit/verify', 'instance.admin', 'instance admin'),
  row('GET', '/api/v1/admin/audit/checkpoints', 'instance.admin', 'instance admin'),
  row('POST', '/api/v1/admin/audit/checkpoints', 'instance.admin', 'instance admin'),
  // "sets instance-wide provider keys": the instance admin.
  row('GET', '/api/v1/admin/provider-keys', 'instance.admin', 'instance admin'),
  row('PUT', '/api/v1/admin/provider-keys/:provider', 'instance.admin', 'instance admin'),
  row('DELETE', '/api/v1/admin/provider-keys/:provider', 'instance.admin', 'instance admin'),
  row('POST', '/api/v1/admin/provider-keys/:provider/test', 'instance.admin', 'instance admin'),

  // Every member opens the project: its name, code and picture settings (a deliberate addition to
  // §8, or a viewer could not open the project at all).
  row('GET', '/api/v1/projects/:projectId', 'project.view', EVERY_MEMBER),
  // "edit project settings (name, rate, resolution)": owner, producer.
  row('PATCH', '/api/v1/projects/:projectId', 'project.edit_settings', OWNER_PRODUCER),
  // Locking scene numbers is a project setting (no §8 row names it): owner and producer.
  row('PUT', '/api/v1/projects/:projectId/scene-numbering', 'project.edit_settings', OWNER_PRODUCER),
  // "manage members and invitations; close/reopen project": owner.
  row('POST', '/api/v1/projects/:projectId/close', 'project.close', OWNER_ONLY),
  row('POST', '/api/v1/projects/:projectId/reopen', 'project.close', OWNER_ONLY),
  row('PATCH', '/api/v1/projects/:projectId/members/:accountId', 'members.manage', OWNER_ONLY),
  row('DELETE', '/api/v1/projects/:projectId/members/:accountId', 'members.manage', OWNER_ONLY),
  row('GET', '/api/v1/projects/:projectId/invitations', 'members.manage', OWNER_ONLY),
  row('POST', '/api/v1/projects/:projectId/invitations', 'members.manage', OWNER_ONLY),
  row('DELETE', '/api/v1/projects/:projectId/invitations/:invitationId', 'members.manage', OWNER_ONLY),
  // "manage provider keys": owner.
  // Manage budgets, price catalog, spend caps (§8): owner and producer; reading spend: the makers.
  row('GET', '/api/v1/projects/:projectId/prices', 'spend.read', OWNER_PRODUCER_DIRECTOR),
  row('POST', '/api/v1/projects/:projectId/prices', 'spend.manage', OWNER_PRODUCER),
  row('GET', '/api/v1/projects/:projectId/spend/drift', 'spend.read', OWNER_PRODUCER_DIRECTOR),
  row('GET', '/api/v1/projects/:projectId/budgets', 'spend.read', OWNER_PRODUCER_DIRECTOR),
  row('GET', '/api/v1/projects/:projectId/spend', 'spend.read', OWNER_PRODUCER_DIRECTOR),
  row('GET', '/api/v1/projects/:projectId/spend.csv', 'spend.read', OWNER_PRODUCER_DIRECTOR),
  row('POST', '/api/v1/projects/:projectId/takes/:takeId/sign-off', 'spend.manage', OWNER_PRODUCER),
  row('PUT', '/api/v1/projects/:projectId/scenes/:sceneId/budget', 'spend.manage', OWNER_PRODUCER),
  row('PUT', '/api/v1/projects/:projectId/spend-caps', 'spend.manage', OWNER_PRODUCER),
  row('GET', '/api/v1/projects/:projectId/provider-keys', 'keys.manage', OWNER_ONLY),
  row('PUT', '/api/v1/projects/:projectId/provider-keys/:provider', 'keys.manage', OWNER_ONLY),
  row('DELETE', '/api/v1/projects/:projectId/provider-keys/:provider', 'keys.manage', OWNER_ONLY),
  row('POST', '/api/v1/projects/:projectId/provider-keys/:provider/test', 'keys.manage', OWNER_ONLY),
  // "read audit log": owner, producer.
  row('GET', '/api/v1/projects/:projectId/audit', 'audit.read', OWNER_PRODUCER),
  row('GET', '/api/v1/projects/:projectId/audit/verify', 'audit.read', OWNER_PRODUCER),

  // "read project, scenes, shots, plans, assets": all but viewers (a viewer: only what a take shows).
  row('GET', '/api/v1/projects/:projectId/members', 'project.read', ALL_BUT_VIEWERS),
  row('GET', '/api/v1/projects/:projectId/mentionable', 'note.write', EVERY_MEMBER),
  row('GET', '/api/v1/projects/:projectId/scenes', 'project.read', ALL_BUT_VIEWERS),
  row('GET', '/api/v1/projects/:projectId/scenes/:sceneId', 'project.read', ALL_BUT_VIEWERS),
  row('GET', '/api/v1/projects/:projectId/scenes/:sceneId/storyboard.pdf', 'project.read', ALL_BUT_VIEWERS),
  row('GET', '/api/v1/projects/:projectId/shots', 'project.read', ALL_BUT_VIEWERS),
  row('GET', '/api/v1/projects/:projectId/shots/:shotId', 'project.read', ALL_BUT_VIEWERS),
  row('GET', '/api/v1/projects/:projectId/shots/:shotId/plan/versions', 'project.read', ALL_BUT_VIEWERS),
  row('GET', '/api/v1/projects/:projectId/shots/:shotId/plan/diff', 'project.read', ALL_BUT_VIEWERS),
  row('GET', '/api/v1/projects/:projectId/shots/:shotId/references', 'project.read', ALL_BUT_VIEWERS),
  row('GET', '/api/v1/projects/:projectId/characters', 'project.read', ALL_BUT_VIEWERS),
  row('GET', '/api/v1/projects/:projectId/revisions', 'project.read', ALL_BUT_VIEWERS),
  row('GET', '/api/v1/projects/:projectId/scene-numbering', 'project.read', ALL_BUT_VIEWERS),
  row('GET', '/api/v1/projects/:projectId/shot-list', 'project.read', ALL_BUT_VIEWERS),
  row('GET', '/api/v1/projects/:projectId/assets', 'project.read', ALL_BUT_VIEWERS),
  row('GET', '/api/v1/projects/:projectId/assets/:assetId', 'project.read', ALL_BUT_VIEWERS),
  row('GET', '/api/v1/projects/:projectId/media/:sha256', 'project.read', ALL_BUT_VIEWERS),
  row('GET', '/api/v1/projects/:projectId/models', 'project.read', ALL_BUT_VIEWERS),

  // "edit scenes, shots, plans; lock/unlock plans; import screenplay": owner, producer, director.
  row('POST', '/api/v1/projects/:projectId/scenes', 'plan.edit', OWNER_PRODUCER_DIRECTOR),
  row('PATCH', '/api/v1/projects/:projectId/scenes/:sceneId', 'plan.edit', OWNER_PRODUCER_DIRECTOR),
  row('POST', '/api/v1/projects/:projectId/scenes/reorder', 'plan.edit', OWNER_PRODUCER_DIRECTOR),
  row('POST', '/api/v1/projects/:projectId/scenes/:sceneId/shots', 'plan.edit', OWNER_PRODUCER_DIRECTOR),
  row('POST', '/api/v1/projects/:projectId/scenes/:sceneId/shots/reorder', 'plan.edit', OWNER_PRODUCER_DIRECTOR),
  row('PATCH', '/api/v1/projects/:projectId/shots/:shotId', 'plan.edit', OWNER_PRODUCER_DIRECTOR),
  row('PUT', '/api/v1/projects/:projectId/shots/:shotId/plan', 'plan.edit', OWNER_PRODUCER_DIRECTOR),
  row('POST', '/api/v1/projects/:projectId/shots/:shotId/lock', 'plan.edit', OWNER_PRODUCER_DIRECTOR),
  row('POST', '/api/v1/projects/:projectId/shots/:shotId/unlock', 'plan.edit', OWNER_PRODUCER_DIRECTOR),
  row('POST', '/api/v1/projects/:projectId/import/fountain', 'plan.edit', OWNER_PRODUCER_DIRECTOR),
  row('POST', '/api/v1/projects/:projectId/import/fountain/preview', 'plan.edit', OWNER_PRODUCER_DIRECTOR),
  row('POST', '/api/v1/projects/:projectId/scenes/:sceneId/coverage', 'plan.edit', OWNER_PRODUCER_DIRECTOR),
  row('POST', '/api/v1/projects/:projectId/shot-list/import', 'plan.edit', OWNER_PRODUCER_DIRECTOR),

  // "upload, edit, lock assets; attach references": owner, producer, director.
  row('POST', '/api/v1/projects/:projectId/assets', 'asset.edit', OWNER_PRODUCER_DIRECTOR),
  row('PATCH', '/api/v1/projects/:projectId/assets/:assetId', 'asset.edit', OWNER_PRODUCER_DIRECTOR),
  row('DELETE', '/api/v1/projects/:projectId/assets/:assetId', 'asset.edit', OWNER_PRODUCER_DIRECTOR),
  row('POST', '/api/v1/projects/:projectId/assets/:assetId/lock', 'asset.edit', OWNER_PRODUCER_DIRECTOR),
  row('POST', '/api/v1/projects/:projectId/assets/:assetId/versions', 'asset.edit', OWNER_PRODUCER_DIRECTOR),
  row('PUT', '/api/v1/projects/:projectId/shots/:shotId/references', 'asset.edit', OWNER_PRODUCER_DIRECTOR),
  row('POST', '/api/v1/projects/:projectId/takes/:takeId/save-as-reference', 'asset.edit', OWNER_PRODUCER_DIRECTOR),
  // "change clearance, record consent": owner, producer.
  row('POST', '/api/v1/projects/:projectId/assets/:assetId/clearance', 'clearance.manage', OWNER_PRODUCER),
  row('POST', '/api/v1/projects/:projectId/assets/:assetId/consents', 'clearance.manage', OWNER_PRODUCER),
  row('PATCH', '/api/v1/projects/:projectId/assets/:assetId/consents/:consentId', 'clearance.manage', OWNER_PRODUCER),
  row('POST', '/api/v1/projects/:projectId/assets/:assetId/consents/:consentId/withdraw', 'clearance.manage', OWNER_PRODUCER),

  // "generate, cancel, regenerate, import external takes": owner, producer, director.
  row('POST', '/api/v1/projects/:projectId/shots/:shotId/generate/preview', 'take.generate', OWNER_PRODUCER_DIRECTOR),
  row('POST', '/api/v1/projects/:projectId/shots/:shotId/takes', 'take.generate', OWNER_PRODUCER_DIRECTOR),
  row('POST', '/api/v1/projects/:projectId/shots/:shotId/takes/external', 'take.generate', OWNER_PRODUCER_DIRECTOR),
  // One plan across several providers (issue 18) is generating, so the same roles.
  row('POST', '/api/v1/projects/:projectId/shots/:shotId/generate/across/preview', 'take.generate', OWNER_PRODUCER_DIRECTOR),
  row('POST', '/api/v1/projects/:projectId/shots/:shotId/takes/across', 'take.generate', OWNER_PRODUCER_DIRECTOR),
  row('POST', '/api/v1/projects/:projectId/takes/:takeId/cancel', 'take.generate', OWNER_PRODUCER_DIRECTOR),

  // Takes are read by every member; which takes and how much of each is narrowed per role (§8's
  // three take rows), which the review and takes tests check.
  row('GET', '/api/v1/projects/:projectId/shots/:shotId/takes', 'take.read', EVERY_MEMBER),
  row('GET', '/api/v1/projects/:projectId/takes', 'take.read', EVERY_MEMBER),
  // Saved searches of the takes grid: each member their own (what they may search by is checked per role).
  row('GET', '/api/v1/projects/:projectId/take-filters', 'take.read', EVERY_MEMBER),
  row('POST', '/api/v1/projects/:projectId/take-filters', 'take.filter_save', EVERY_MEMBER),
  row('DELETE', '/api/v1/projects/:projectId/take-filters/:filterId', 'take.filter_save', EVERY_MEMBER),
  // Shots' pictures go with the shot list, scene cards and storyboard: read with the plans.
  row('GET', '/api/v1/projects/:projectId/shot-posters', 'project.read', ALL_BUT_VIEWERS),
  row('GET', '/api/v1/projects/:projectId/takes/:takeId', 'take.read', EVERY_MEMBER),
  row('GET', '/api/v1/projects/:projectId/takes/:takeId/media/:sha256', 'take.read', EVERY_MEMBER),
  row('GET', '/api/v1/projects/:projectId/takes/compare', 'take.read', EVERY_MEMBER),
  // Names the references at risk: for those who read references (§8 "read … assets"), not viewers.
  row('GET', '/api/v1/projects/:projectId/takes/at-risk', 'project.read', ALL_BUT_VIEWERS),
  row('GET', '/api/v1/projects/:projectId/takes/:takeId/review', 'take.read', EVERY_MEMBER),
  row('GET', '/api/v1/projects/:projectId/takes/:takeId/notes', 'take.read', EVERY_MEMBER),
  row('GET', '/api/v1/projects/:projectId/events', 'take.read', EVERY_MEMBER),

  // "set review state rejected/maybe/selected; criteria; in/out marks" and "approve / revoke
  // approval": owner, producer, director.
  row('POST', '/api/v1/projects/:projectId/takes/:takeId/review', 'review.decide', OWNER_PRODUCER_DIRECTOR),
  row('PUT', '/api/v1/projects/:projectId/takes/:takeId/criteria', 'review.decide', OWNER_PRODUCER_DIRECTOR),
  row('PUT', '/api/v1/projects/:projectId/takes/:takeId/marks', 'review.decide', OWNER_PRODUCER_DIRECTOR),

  // "write notes" (a viewer: client-visible only) and "resolve / reopen notes" (editors and
  // viewers: their own), both narrowed by the notes service, which the notes test checks.
  row('POST', '/api/v1/projects/:projectId/takes/:takeId/notes', 'note.write', EVERY_MEMBER),
  row('PATCH', '/api/v1/projects/:projectId/notes/:noteId', 'note.write', EVERY_MEMBER),

  // "export handoff; preview an editor's cut": owner, producer, director and editor (editors exist
  // for exactly this); viewers never.
  row('GET', '/api/v1/projects/:projectId/handoff', 'handoff.export', ALL_BUT_VIEWERS),
  row('GET', '/api/v1/projects/:projectId/handoff.zip', 'handoff.export', ALL_BUT_VIEWERS),
  // "export the archive bundle": owners only (§8).
  row('GET', '/api/v1/projects/:projectId/archive.zip', 'archive.export', OWNER_ONLY),
  row('POST', '/api/v1/projects/:projectId/cuts/preview', 'handoff.export', ALL_BUT_VIEWERS),
  // "apply an editor's cut": owner, producer, director.
  row('POST', '/api/v1/projects/:projectId/cuts/apply', 'cut.apply', OWNER_PRODUCER_DIRECTOR),
  // Dailies (issue 15). "attend dailies": every member reads sessions (a viewer or editor those
  // they are invited to, which the dailies test checks) and says they are in the room.
  row('GET', '/api/v1/projects/:projectId/dailies', 'dailies.read', EVERY_MEMBER),
  row('GET', '/api/v1/projects/:projectId/dailies/:sessionId', 'dailies.read', EVERY_MEMBER),
  row('GET', '/api/v1/projects/:projectId/dailies/:sessionId/log', 'dailies.read', EVERY_MEMBER),
  row('GET', '/api/v1/projects/:projectId/dailies/:sessionId/notes-export', 'dailies.read', EVERY_MEMBER),
  row('POST', '/api/v1/projects/:projectId/dailies/:sessionId/presence', 'dailies.attend', EVERY_MEMBER),
  // The report printed at closing, as a page and a PDF: whoever reads the session (a viewer gets the client's cut).
  row('GET', '/api/v1/projects/:projectId/dailies/:sessionId/report', 'dailies.read', EVERY_MEMBER),
  row('GET', '/api/v1/projects/:projectId/dailies/:sessionId/report.pdf', 'dailies.read', EVERY_MEMBER),
  // The playlist as one review movie: whoever reads the session (of the takes they may see).
  row('GET', '/api/v1/projects/:projectId/dailies/:sessionId/movie', 'dailies.read', EVERY_MEMBER),
  row('GET', '/api/v1/projects/:projectId/dailies/:sessionId/movie.mp4', 'dailies.read', EVERY_MEMBER),
  // A take's notes exported: whoever reads the take's notes.
  row('GET', '/api/v1/projects/:projectId/takes/:takeId/notes-export', 'take.read', EVERY_MEMBER),
  // "create, present, close dailies": owner, producer, director; so also its playlist, attendees and guest links.
  row('POST', '/api/v1/projects/:projectId/dailies', 'dailies.run', OWNER_PRODUCER_DIRECTOR),
  row('PATCH', '/api/v1/projects/:projectId/dailies/:sessionId', 'dailies.run', OWNER_PRODUCER_DIRECTOR),
  row('POST', '/api/v1/projects/:projectId/dailies/:sessionId/close', 'dailies.run', OWNER_PRODUCER_DIRECTOR),
  row('POST', '/api/v1/projects/:projectId/dailies/:sessionId/items', 'dailies.run', OWNER_PRODUCER_DIRECTOR),
  row('POST', '/api/v1/projects/:projectId/dailies/:sessionId/items/reorder', 'dailies.run', OWNER_PRODUCER_DIRECTOR),
  row('PATCH', '/api/v1/projects/:projectId/dailies/:sessionId/items/:itemId', 'dailies.run', OWNER_PRODUCER_DIRECTOR),
  row('DELETE', '/api/v1/projects/:projectId/dailies/:sessionId/items/:itemId', 'dailies.run', OWNER_PRODUCER_DIRECTOR),
  row('PUT', '/api/v1/projects/:projectId/dailies/:sessionId/attendees', 'dailies.run', OWNER_PRODUCER_DIRECTOR),
  row('POST', '/api/v1/projects/:projectId/dailies/:sessionId/presenter', 'dailies.run', OWNER_PRODUCER_DIRECTOR),
  row('GET', '/api/v1/projects/:projectId/dailies/:sessionId/links', 'dailies.run', OWNER_PRODUCER_DIRECTOR),
  row('POST', '/api/v1/projects/:projectId/dailies/:sessionId/links', 'dailies.run', OWNER_PRODUCER_DIRECTOR),
  row('POST', '/api/v1/projects/:projectId/dailies/:sessionId/links/:linkId/revoke', 'dailies.run', OWNER_PRODUCER_DIRECTOR),
  // Retention (issue 19). "purge media of rejected takes": the owner alone, and so the setting that
  // allows it. The preview (which takes, how many bytes) is read by owners and producers: a
  // deliberate addition to §8, for those who manage the production's spend and storage.
  row('GET', '/api/v1/projects/:projectId/retention', 'retention.preview', OWNER_PRODUCER),
  row('PUT', '/api/v1/projects/:projectId/retention', 'retention.manage', OWNER_ONLY),
  row('POST', '/api/v1/projects/:projectId/retention/purge', 'retention.manage', OWNER_ONLY),
  // A guest opens a review link with no account (§8's guest): public, a deliberate addition to the allow-list.
  row('POST', '/api/v1/review-links/join', 'public.review_link', 'public'),
  // What a guest on a link may do (§8): see what a viewer sees of the link's takes, write
  // client-visible notes, be in the room. Nobody else: not a member, not an admin.
  row('GET', '/api/v1/guest/dailies', 'guest.view', 'guest'),
  row('GET', '/api/v1/guest/events', 'guest.view', 'guest'),
  row('GET', '/api/v1/guest/takes/:takeId/notes', 'guest.view', 'guest'),
  row('GET', '/api/v1/guest/takes/:takeId/media/:sha256', 'guest.view', 'guest'),
  row('POST', '/api/v1/guest/takes/:takeId/notes', 'guest.write', 'guest'),
  row('POST', '/api/v1/guest/presence', 'guest.write', 'guest'),
  // ComfyUI workflows (issue 18): project assets, read by the crew and edited by those who edit references (§8 "upload, edit, lock assets").
  row('GET', '/api/v1/projects/:projectId/comfyui/workflows', 'project.read', ALL_BUT_VIEWERS),
  row('POST', '/api/v1/projects/:projectId/comfyui/workflows', 'asset.edit', OWNER_PRODUCER_DIRECTOR),
  row('GET', '/api/v1/projects/:projectId/comfyui/workflows/:workflowId', 'project.read', ALL_BUT_VIEWERS),
  row('POST', '/api/v1/projects/:projectId/comfyui/workflows/:workflowId/versions', 'asset.edit', OWNER_PRODUCER_DIRECTOR),
];
