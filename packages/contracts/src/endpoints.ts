/**
 * Every HTTP endpoint of the API, once: method, path, the action it needs and its schemas.
 * The server registers its routes from this table, the typed client calls through it,
 * and the OpenAPI document is generated from the same schemas.
 */
import type { z } from 'zod';
import type { Action } from './roles.ts';
import * as a from './assets.ts';
import * as p from './plans.ts';
import * as s from './schemas.ts';
import * as t from './takes.ts';
import * as r from './review.ts';
import * as k from './keys.ts';
import * as h from './home.ts';
import * as m from './spend.ts';
import * as ho from './handoff.ts';
import * as d from './dailies.ts';

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** One endpoint: how to call it, what it needs, what it answers. */
export interface Endpoint {
  method: Method;
  /** Path under /api/v1, with `:name` parameters. */
  path: string;
  action: Action;
  summary: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  response: z.ZodType;
  /** Status of a successful answer (200 unless said). */
  status?: number;
  /** Largest request body in bytes, where more than the default 1 MiB is needed (screenplays, shot lists). */
  bodyLimit?: number;
}

function endpoint<E extends Endpoint>(e: E): E {
  return e;
}

export const endpoints = {
  health: endpoint({ method: 'GET', path: '/health', action: 'public.health', summary: 'Liveness', response: s.Health }),

  setupStatus: endpoint({ method: 'GET', path: '/setup', action: 'public.setup', summary: 'Whether the first-run setup is still needed', response: s.SetupStatus }),
  setup: endpoint({ method: 'POST', path: '/setup', action: 'public.setup', summary: 'Create the instance admin (first run only)', body: s.SetupInput, response: s.Me, status: 201 }),

  signIn: endpoint({ method: 'POST', path: '/auth/sign-in', action: 'public.sign_in', summary: 'Sign in with email and password', body: s.SignInInput, response: s.Me }),
  signOut: endpoint({ method: 'POST', path: '/auth/sign-out', action: 'account.self', summary: 'End this session', response: s.Ok }),
  me: endpoint({ method: 'GET', path: '/auth/me', action: 'account.self', summary: 'The signed-in account', response: s.Me }),
  updateMe: endpoint({ method: 'PATCH', path: '/auth/me', action: 'account.self', summary: 'Change your name', body: s.UpdateMeInput, response: s.Me }),
  changePassword: endpoint({ method: 'POST', path: '/auth/password', action: 'account.self', summary: 'Change your password (ends your other sessions)', body: s.ChangePasswordInput, response: s.Ok }),
  forgotPassword: endpoint({ method: 'POST', path: '/auth/forgot', action: 'public.password_reset', summary: 'Email a reset link, when mail is configured', body: s.ForgotPasswordInput, response: s.Accepted, status: 202 }),
  resetPassword: endpoint({ method: 'POST', path: '/auth/reset', action: 'public.password_reset', summary: 'Set a new password with a reset token', body: s.ResetPasswordInput, response: s.Ok }),

  listSessions: endpoint({ method: 'GET', path: '/sessions', action: 'account.self', summary: 'Your signed-in sessions', response: s.SessionList }),
  revokeSession: endpoint({ method: 'DELETE', path: '/sessions/:id', action: 'account.self', summary: 'Sign a session out', params: s.IdParams, response: s.Ok }),

  listTokens: endpoint({ method: 'GET', path: '/tokens', action: 'account.self', summary: 'Your API tokens', response: s.ApiTokenList }),
  createToken: endpoint({ method: 'POST', path: '/tokens', action: 'account.self', summary: 'Create an API token (shown once)', body: s.CreateTokenInput, response: s.CreatedToken, status: 201 }),
  revokeToken: endpoint({ method: 'DELETE', path: '/tokens/:id', action: 'account.self', summary: 'Revoke an API token', params: s.IdParams, response: s.Ok }),

  home: endpoint({ method: 'GET', path: '/home', action: 'account.self', summary: 'What needs you across your projects: mentions, notes on your takes, takes waiting for a decision, failed generations, shots at risk; read or unread', response: h.HomeFeed }),
  readHome: endpoint({ method: 'POST', path: '/home/read', action: 'account.self', summary: 'Mark home items read, by key or all of them', body: h.HomeReadInput, response: h.HomeUnread }),

  listProjects: endpoint({ method: 'GET', path: '/projects', action: 'account.self', summary: 'Projects you are a member of', query: s.ProjectListQuery, response: s.ProjectList }),
  createProject: endpoint({ method: 'POST', path: '/projects', action: 'account.create_project', summary: 'Create a project; you become its owner', body: s.CreateProjectInput, response: s.ProjectDetail, status: 201 }),
  getProject: endpoint({ method: 'GET', path: '/projects/:projectId', action: 'project.view', summary: 'A project, your role and what you may do', params: s.ProjectParams, response: s.ProjectDetail }),
  updateProject: endpoint({ method: 'PATCH', path: '/projects/:projectId', action: 'project.edit_settings', summary: 'Edit project settings', params: s.ProjectParams, body: s.UpdateProjectInput, response: s.ProjectDetail }),
  closeProject: endpoint({ method: 'POST', path: '/projects/:projectId/close', action: 'project.close', summary: 'Close a project (read-only until reopened)', params: s.ProjectParams, response: s.ProjectDetail }),
  reopenProject: endpoint({ method: 'POST', path: '/projects/:projectId/reopen', action: 'project.close', summary: 'Reopen a closed project', params: s.ProjectParams, response: s.ProjectDetail }),

  listMembers: endpoint({ method: 'GET', path: '/projects/:projectId/members', action: 'project.read', summary: 'Members and their roles', params: s.ProjectParams, response: s.MemberList }),
  changeMemberRole: endpoint({ method: 'PATCH', path: '/projects/:projectId/members/:accountId', action: 'members.manage', summary: "Change a member's role", params: s.MemberParams, body: s.ChangeRoleInput, response: s.Member }),
  removeMember: endpoint({ method: 'DELETE', path: '/projects/:projectId/members/:accountId', action: 'members.manage', summary: 'Remove a member', params: s.MemberParams, response: s.Ok }),

  listInvitations: endpoint({ method: 'GET', path: '/projects/:projectId/invitations', action: 'members.manage', summary: 'Invitations of this project', params: s.ProjectParams, response: s.InvitationList }),
  createInvitation: endpoint({ method: 'POST', path: '/projects/:projectId/invitations', action: 'members.manage', summary: 'Invite someone with a role (a one-time link)', params: s.ProjectParams, body: s.CreateInvitationInput, response: s.CreatedInvitation, status: 201 }),
  revokeInvitation: endpoint({ method: 'DELETE', path: '/projects/:projectId/invitations/:invitationId', action: 'members.manage', summary: 'Revoke a pending invitation', params: s.InvitationParams, response: s.Ok }),
  previewInvitation: endpoint({ method: 'POST', path: '/invitations/preview', action: 'public.invitation_accept', summary: 'What an invitation link offers', body: s.InvitationTokenInput, response: s.InvitationPreview }),
  acceptInvitation: endpoint({ method: 'POST', path: '/invitations/accept', action: 'public.invitation_accept', summary: 'Accept an invitation (creates the account if needed)', body: s.AcceptInvitationInput, response: s.AcceptedInvitation }),

  projectAudit: endpoint({ method: 'GET', path: '/projects/:projectId/audit', action: 'audit.read', summary: "The project's audit log, newest first", params: s.ProjectParams, query: s.AuditPageQuery, response: s.AuditPage }),
  verifyProjectAudit: endpoint({ method: 'GET', path: '/projects/:projectId/audit/verify', action: 'audit.read', summary: "Verify the project's audit chain", params: s.ProjectParams, response: s.ChainVerification }),

  listScenes: endpoint({ method: 'GET', path: '/projects/:projectId/scenes', action: 'project.read', summary: 'Scenes in order, with their shot counts, a page at a time (?limit=, ?offset=; `next` is the offset of the next page)', params: s.ProjectParams, query: p.SceneListQuery, response: p.ScenePage }),
  createScene: endpoint({ method: 'POST', path: '/projects/:projectId/scenes', action: 'plan.edit', summary: 'Add a scene', params: s.ProjectParams, body: p.CreateSceneInput, response: p.Scene, status: 201 }),
  getScene: endpoint({ method: 'GET', path: '/projects/:projectId/scenes/:sceneId', action: 'project.read', summary: 'One scene', params: p.SceneParams, response: p.Scene }),
  updateScene: endpoint({ method: 'PATCH', path: '/projects/:projectId/scenes/:sceneId', action: 'plan.edit', summary: 'Edit, omit or restore a scene', params: p.SceneParams, body: p.UpdateSceneInput, response: p.Scene }),
  reorderScenes: endpoint({ method: 'POST', path: '/projects/:projectId/scenes/reorder', action: 'plan.edit', summary: 'Put the scenes in a new order', params: s.ProjectParams, body: p.ReorderInput, response: p.SceneList }),

  listShots: endpoint({ method: 'GET', path: '/projects/:projectId/shots', action: 'project.read', summary: "Shots in scene order with their current plans (one scene's with ?sceneId=), a page at a time (?limit=, ?offset=)", params: s.ProjectParams, query: p.ShotListQuery, response: p.ShotPage }),
  createShot: endpoint({ method: 'POST', path: '/projects/:projectId/scenes/:sceneId/shots', action: 'plan.edit', summary: 'Add a shot to a scene (code derived unless given)', params: p.SceneParams, body: p.CreateShotInput, response: p.Shot, status: 201 }),
  reorderShots: endpoint({ method: 'POST', path: '/projects/:projectId/scenes/:sceneId/shots/reorder', action: 'plan.edit', summary: "Put a scene's shots in a new order", params: p.SceneParams, body: p.ReorderInput, response: p.ShotList }),
  getShot: endpoint({ method: 'GET', path: '/projects/:projectId/shots/:shotId', action: 'project.read', summary: 'A shot with its current plan and what the plan lacks', params: p.ShotParams, response: p.Shot }),
  updateShot: endpoint({ method: 'PATCH', path: '/projects/:projectId/shots/:shotId', action: 'plan.edit', summary: "Rename a shot's code or set its status", params: p.ShotParams, body: p.UpdateShotInput, response: p.Shot }),
  savePlan: endpoint({ method: 'PUT', path: '/projects/:projectId/shots/:shotId/plan', action: 'plan.edit', summary: 'Save the plan as a new version', params: p.ShotParams, body: p.SavePlanInput, response: p.Shot }),
  lockPlan: endpoint({ method: 'POST', path: '/projects/:projectId/shots/:shotId/lock', action: 'plan.edit', summary: 'Lock the plan', params: p.ShotParams, response: p.Shot }),
  unlockPlan: endpoint({ method: 'POST', path: '/projects/:projectId/shots/:shotId/unlock', action: 'plan.edit', summary: 'Unlock the plan (audited)', params: p.ShotParams, response: p.Shot }),
  planVersions: endpoint({ method: 'GET', path: '/projects/:projectId/shots/:shotId/plan/versions', action: 'project.read', summary: 'Every version of the plan: who, when, what changed', params: p.ShotParams, response: p.PlanVersionList }),
  planDiff: endpoint({ method: 'GET', path: '/projects/:projectId/shots/:shotId/plan/diff', action: 'project.read', summary: 'Field-by-field difference between two plan versions', params: p.ShotParams, query: p.PlanDiffQuery, response: p.PlanDiff }),

  importFountain: endpoint({ method: 'POST', path: '/projects/:projectId/import/fountain', action: 'plan.edit', summary: 'Import or re-import a Fountain screenplay as a new revision; reports what was added, changed and left alone. With `previewToken`, refused (409 screenplay.preview_stale) when the scenes changed since that preview', params: s.ProjectParams, body: p.ImportFountainInput, response: p.ImportReport, bodyLimit: 6 * 1024 * 1024 }),
  previewFountainImport: endpoint({ method: 'POST', path: '/projects/:projectId/import/fountain/preview', action: 'plan.edit', summary: 'What importing a Fountain screenplay would add, change (which parts), omit and leave alone; changes nothing. Returns the previewToken that applies exactly this', params: s.ProjectParams, body: p.ImportPreviewInput, response: p.ImportPreview, bodyLimit: 6 * 1024 * 1024 }),
  listRevisions: endpoint({ method: 'GET', path: '/projects/:projectId/revisions', action: 'project.read', summary: 'Script revisions (each applied import, dated, with its colour: white, blue, pink, …) and the scenes each touched; whether numbering is locked', params: s.ProjectParams, response: p.ScriptRevisionList }),
  getSceneNumbering: endpoint({ method: 'GET', path: '/projects/:projectId/scene-numbering', action: 'project.read', summary: 'Whether scene numbers are locked', params: s.ProjectParams, response: p.SceneNumbering }),
  setSceneNumbering: endpoint({ method: 'PUT', path: '/projects/:projectId/scene-numbering', action: 'project.edit_settings', summary: 'Lock or unlock scene numbers: once locked, new scenes are lettered (50A, A1), cut scenes stay as OMITTED, and renumbering is refused (409 scene.numbers_locked)', params: s.ProjectParams, body: p.SceneNumberingInput, response: p.SceneNumbering }),
  listCharacters: endpoint({ method: 'GET', path: '/projects/:projectId/characters', action: 'project.read', summary: 'Characters from the script (draft character references)', params: s.ProjectParams, response: p.CharacterList }),
  draftCoverage: endpoint({ method: 'POST', path: '/projects/:projectId/scenes/:sceneId/coverage', action: 'plan.edit', summary: "Draft a scene's coverage (suggestions; nothing is saved)", params: p.SceneParams, body: p.CoverageInput, response: p.CoverageResult }),
  exportShotList: endpoint({ method: 'GET', path: '/projects/:projectId/shot-list', action: 'project.read', summary: "The project's (or a scene's) shot list as CSV or JSON", params: s.ProjectParams, query: p.ShotListExportQuery, response: p.ShotListExport }),
  importShotList: endpoint({ method: 'POST', path: '/projects/:projectId/shot-list/import', action: 'plan.edit', summary: 'Import a shot list (CSV or JSON), with a report per row', params: s.ProjectParams, body: p.ShotListImportInput, response: p.ShotListImportReport, bodyLimit: 6 * 1024 * 1024 }),

  listAssets: endpoint({ method: 'GET', path: '/projects/:projectId/assets', action: 'project.read', summary: 'References, filtered by kind, tag, clearance or name', params: s.ProjectParams, query: a.AssetListQuery, response: a.AssetList }),
  createAsset: endpoint({ method: 'POST', path: '/projects/:projectId/assets', action: 'asset.edit', summary: 'Add a reference (then upload its first version)', params: s.ProjectParams, body: a.CreateAssetInput, response: a.Asset, status: 201 }),
  getAsset: endpoint({ method: 'GET', path: '/projects/:projectId/assets/:assetId', action: 'project.read', summary: 'A reference with its versions, rights, consents and usage', params: a.AssetParams, response: a.AssetDetail }),
  updateAsset: endpoint({ method: 'PATCH', path: '/projects/:projectId/assets/:assetId', action: 'asset.edit', summary: "Edit a reference's name, notes, tags, source or flags", params: a.AssetParams, body: a.UpdateAssetInput, response: a.Asset }),
  removeAsset: endpoint({ method: 'DELETE', path: '/projects/:projectId/assets/:assetId', action: 'asset.edit', summary: 'Remove a reference that has no version yet (one with files is kept for the record)', params: a.AssetParams, response: s.Ok }),
  lockAsset: endpoint({ method: 'POST', path: '/projects/:projectId/assets/:assetId/lock', action: 'asset.edit', summary: 'Lock one version (or unlock with null)', params: a.AssetParams, body: a.LockAssetInput, response: a.Asset }),
  setClearance: endpoint({ method: 'POST', path: '/projects/:projectId/assets/:assetId/clearance', action: 'clearance.manage', summary: 'Change clearance, saying why', params: a.AssetParams, body: a.ClearanceInput, response: a.Asset }),
  editConsent: endpoint({ method: 'PATCH', path: '/projects/:projectId/assets/:assetId/consents/:consentId', action: 'clearance.manage', summary: "Edit a consent's person, scope or expiry, saying why (kept in its history)", params: a.ConsentParams, body: a.EditConsentInput, response: a.AssetDetail }),
  withdrawConsent: endpoint({ method: 'POST', path: '/projects/:projectId/assets/:assetId/consents/:consentId/withdraw', action: 'clearance.manage', summary: 'Record that the person withdrew their consent, saying why; shots using the reference go at risk', params: a.ConsentParams, body: a.WithdrawConsentInput, response: a.AssetDetail }),
  shotReferences: endpoint({ method: 'GET', path: '/projects/:projectId/shots/:shotId/references', action: 'project.read', summary: "The references of a shot's current plan, with their rights", params: p.ShotParams, response: a.ShotReferences }),
  setShotReferences: endpoint({ method: 'PUT', path: '/projects/:projectId/shots/:shotId/references', action: 'asset.edit', summary: "Set the plan's references (a new plan version)", params: p.ShotParams, body: a.SetReferencesInput, response: a.ShotReferences }),

  listModels: endpoint({ method: 'GET', path: '/projects/:projectId/models', action: 'project.read', summary: 'Video models this project can generate with, and what each accepts', params: s.ProjectParams, response: t.ModelList }),
  previewGeneration: endpoint({ method: 'POST', path: '/projects/:projectId/shots/:shotId/generate/preview', action: 'take.generate', summary: 'The exact request, what the model cannot honour, the estimate and any refusal; nothing is saved', params: p.ShotParams, body: t.GenerateInput, response: t.GenerationPreview }),
  generate: endpoint({ method: 'POST', path: '/projects/:projectId/shots/:shotId/takes', action: 'take.generate', summary: 'Generate takes of a shot: checks policy, reserves the estimate and queues them', params: p.ShotParams, body: t.GenerateInput, response: t.GenerateResult, status: 201 }),
  listProjectTakes: endpoint({ method: 'GET', path: '/projects/:projectId/takes', action: 'take.read', summary: "The project's takes you may see: searched by prompt words (?q=), filtered by provider, model, seed, status, review state (?state=), who asked (?requestedBy=), scene, shot and date (?from=, ?to=), sorted (?sort=scene|newest|oldest|cost), a page at a time (?limit= and ?cursor=, or ?offset=)", params: s.ProjectParams, query: t.ProjectTakesQuery, response: t.ProjectTakePage }),
  listTakeFilters: endpoint({ method: 'GET', path: '/projects/:projectId/take-filters', action: 'take.read', summary: 'Your saved searches of the project\'s takes', params: s.ProjectParams, response: t.TakeFilterList }),
  saveTakeFilter: endpoint({ method: 'POST', path: '/projects/:projectId/take-filters', action: 'take.filter_save', summary: "Save a search of the project's takes under a name (yours alone)", params: s.ProjectParams, body: t.TakeFilterInput, response: t.TakeFilter, status: 201 }),
  deleteTakeFilter: endpoint({ method: 'DELETE', path: '/projects/:projectId/take-filters/:filterId', action: 'take.filter_save', summary: 'Delete one of your saved searches', params: t.TakeFilterParams, response: s.Ok }),
  shotPosters: endpoint({ method: 'GET', path: '/projects/:projectId/shot-posters', action: 'project.read', summary: "Each shot's picture: its approved take's poster, else its best take's, else its newest rendered take's (one scene's with ?sceneId=)", params: s.ProjectParams, query: t.ShotPostersQuery, response: t.ShotPosterList }),
  listTakes: endpoint({ method: 'GET', path: '/projects/:projectId/shots/:shotId/takes', action: 'take.read', summary: "A shot's takes, newest first", params: p.ShotParams, query: t.TakeListQuery, response: t.TakeList }),
  takesAtRisk: endpoint({ method: 'GET', path: '/projects/:projectId/takes/at-risk', action: 'project.read', summary: 'Selected and approved takes whose references are at risk now (a consent withdrawn or expired, a clearance lost), with the reasons', params: s.ProjectParams, response: t.TakesAtRisk }),
  getTake: endpoint({ method: 'GET', path: '/projects/:projectId/takes/:takeId', action: 'take.read', summary: 'A take: request, model, seed, cost, media and continuity', params: t.TakeParams, response: t.Take }),
  signOffTake: endpoint({ method: 'POST', path: '/projects/:projectId/takes/:takeId/sign-off', action: 'spend.manage', summary: 'Sign off a take waiting over the sign-off threshold (its cost is reserved and it is queued, or refused budget.exceeded / cap.exceeded if limits no longer allow it), or refuse it with a reason (it is canceled); audited', params: t.TakeParams, body: t.SignOffInput, response: t.Take }),
  cancelTake: endpoint({ method: 'POST', path: '/projects/:projectId/takes/:takeId/cancel', action: 'take.generate', summary: 'Cancel a take that is not finished', params: t.TakeParams, response: t.Take }),
  saveTakeAsAsset: endpoint({ method: 'POST', path: '/projects/:projectId/takes/:takeId/save-as-reference', action: 'asset.edit', summary: 'Save a frame (or the whole take) as a new reference version', params: t.TakeParams, body: t.SaveTakeAsAssetInput, response: a.Asset, status: 201 }),

  createDemo: endpoint({ method: 'POST', path: '/demo', action: 'account.create_project', summary: 'Build the sample project: a short screenplay, scenes, planned shots, reference stills and previs takes', response: t.DemoResult, status: 201 }),

  compareTakes: endpoint({ method: 'GET', path: '/projects/:projectId/takes/compare', action: 'take.read', summary: 'What differs between two to four takes: plan versions, requests, models, seeds, references', params: s.ProjectParams, query: r.CompareQuery, response: r.TakeComparison }),
  setReview: endpoint({ method: 'POST', path: '/projects/:projectId/takes/:takeId/review', action: 'review.decide', summary: 'Reject, maybe, select, approve or revoke an approval, with a reason', params: t.TakeParams, body: r.ReviewInput, response: t.Take }),
  reviewHistory: endpoint({ method: 'GET', path: '/projects/:projectId/takes/:takeId/review', action: 'take.read', summary: "Every review decision on a take: who, when, from, to and why", params: t.TakeParams, response: r.ReviewHistory }),
  setCriteria: endpoint({ method: 'PUT', path: '/projects/:projectId/takes/:takeId/criteria', action: 'review.decide', summary: "The shot's criteria checked on this take, a rating and a verdict", params: t.TakeParams, body: r.CriteriaInput, response: t.Take }),
  setMarks: endpoint({ method: 'PUT', path: '/projects/:projectId/takes/:takeId/marks', action: 'review.decide', summary: 'Set or clear the in and out marks (frames on the project grid)', params: t.TakeParams, body: r.MarksInput, response: t.Take }),
  listNotes: endpoint({ method: 'GET', path: '/projects/:projectId/takes/:takeId/notes', action: 'take.read', summary: "A take's notes and replies (a viewer sees the client-visible ones)", params: t.TakeParams, response: r.NoteList }),
  createNote: endpoint({ method: 'POST', path: '/projects/:projectId/takes/:takeId/notes', action: 'note.write', summary: 'A note on a take, at a frame or range, optionally with a drawing; or a reply', params: t.TakeParams, body: r.CreateNoteInput, response: r.Note, status: 201 }),
  updateNote: endpoint({ method: 'PATCH', path: '/projects/:projectId/notes/:noteId', action: 'note.write', summary: 'Resolve or reopen a note, or edit your own', params: r.NoteParams, body: r.UpdateNoteInput, response: r.Note }),

  listProviderKeys: endpoint({ method: 'GET', path: '/projects/:projectId/provider-keys', action: 'keys.manage', summary: "Each provider's key in force for the project (its own, else the instance's): last characters, who set it, the last connection test; never the key", params: s.ProjectParams, response: k.ProviderKeyList }),
  setProviderKey: endpoint({ method: 'PUT', path: '/projects/:projectId/provider-keys/:provider', action: 'keys.manage', summary: "Set the project's key for a provider (sealed at rest, never shown again); replaces the one there", params: k.ProviderKeyParams, body: k.SetProviderKeyInput, response: k.ProviderKey }),
  deleteProviderKey: endpoint({ method: 'DELETE', path: '/projects/:projectId/provider-keys/:provider', action: 'keys.manage', summary: "Remove the project's key for a provider (the instance's, if any, is used again)", params: k.ProviderKeyParams, response: s.Ok }),
  testProviderKey: endpoint({ method: 'POST', path: '/projects/:projectId/provider-keys/:provider/test', action: 'keys.manage', summary: 'Test the key in force against the provider, spending nothing; the result is kept with the key', params: k.ProviderKeyParams, response: k.ConnectionTest }),

  listPrices: endpoint({ method: 'GET', path: '/projects/:projectId/prices', action: 'spend.read', summary: "The project's price catalog in its currency: per model, the price in force now (the project's entry, else the instance's standing price, else the provider's list price) and the project's dated entries", params: m.PriceParams, response: m.PriceCatalog }),
  setPrice: endpoint({ method: 'POST', path: '/projects/:projectId/prices', action: 'spend.manage', summary: 'Add a price entry for a model, in force from now or a later date, with its source (audited); entries are never changed, and takes already priced keep theirs', params: m.PriceParams, body: m.SetPriceInput, response: m.PriceEntry, status: 201 }),
  getBudgets: endpoint({ method: 'GET', path: '/projects/:projectId/budgets', action: 'spend.read', summary: "The project's budget and each scene's: held for takes in flight, spent, remaining; and the spend caps", params: m.PriceParams, response: m.BudgetOverview }),
  setSceneBudget: endpoint({ method: 'PUT', path: '/projects/:projectId/scenes/:sceneId/budget', action: 'spend.manage', summary: "Set (or with null remove) a scene's budget; requests whose estimate would pass it are refused budget.exceeded naming the scene (audited)", params: m.SceneBudgetParams, body: m.SceneBudgetInput, response: m.BudgetOverview }),
  setSpendCap: endpoint({ method: 'PUT', path: '/projects/:projectId/spend-caps', action: 'spend.manage', summary: "Set (or with amount null remove) a spend cap for a member or for each member of a role, per UTC day or over the project; a member's own cap wins over their role's; requests that would pass it are refused cap.exceeded (audited)", params: m.PriceParams, body: m.SpendCapInput, response: m.BudgetOverview }),
  spendView: endpoint({ method: 'GET', path: '/projects/:projectId/spend', action: 'spend.read', summary: 'Spend by provider, model, member, scene, shot or day: takes, held now, settled, estimated; cost of rejects and cost per approved second where they apply; budget bars', params: m.PriceParams, query: m.SpendQuery, response: m.SpendView }),
  spendDrift: endpoint({ method: 'GET', path: '/projects/:projectId/spend/drift', action: 'spend.read', summary: 'Per model: settled takes, what they were estimated at and what they cost, and the drift in percent', params: m.PriceParams, response: m.SpendDrift }),

  handoffPreview: endpoint({ method: 'GET', path: '/projects/:projectId/handoff', action: 'handoff.export', summary: "What a handoff package would hold, before it is written: each shot's approved (or selected) takes as clips with predictable names, reels, source ranges (marks and handles), record timecodes and markers; every file with its size; takes refused because their references are at risk; shots left out. The package itself is GET …/handoff.zip with the same query", params: s.ProjectParams, query: ho.HandoffQuery, response: ho.HandoffPreview }),

  previewCut: endpoint({ method: 'POST', path: '/projects/:projectId/cuts/preview', action: 'handoff.export', summary: "Read an editor's cut (OTIO, EDL or FCPXML) and show what it changes against the project's current handoff: shot order, trims, omitted shots, swapped takes, clips matching nothing, and what is never applied (audio, gaps, transitions, effects, retimes); changes nothing", params: s.ProjectParams, body: ho.CutInput, response: ho.CutReport, bodyLimit: 25 * 1024 * 1024 }),
  applyCut: endpoint({ method: 'POST', path: '/projects/:projectId/cuts/apply', action: 'cut.apply', summary: "Apply the cut's report the user confirmed (named by its reportHash): shot order and in/out marks, in one transaction, audited; refused cut.changed when the report is not that one any more", params: s.ProjectParams, body: ho.CutApplyInput, response: ho.CutApplied, bodyLimit: 25 * 1024 * 1024 }),
  listInstanceProviderKeys: endpoint({ method: 'GET', path: '/admin/provider-keys', action: 'instance.admin', summary: "The instance's provider keys, used by projects without their own: last characters, who set them, the last test; never the key", response: k.InstanceProviderKeyList }),
  setInstanceProviderKey: endpoint({ method: 'PUT', path: '/admin/provider-keys/:provider', action: 'instance.admin', summary: "Set the instance's key for a provider (sealed at rest, never shown again)", params: k.InstanceProviderKeyParams, body: k.SetProviderKeyInput, response: k.ProviderKey }),
  deleteInstanceProviderKey: endpoint({ method: 'DELETE', path: '/admin/provider-keys/:provider', action: 'instance.admin', summary: "Remove the instance's key for a provider", params: k.InstanceProviderKeyParams, response: s.Ok }),
  testInstanceProviderKey: endpoint({ method: 'POST', path: '/admin/provider-keys/:provider/test', action: 'instance.admin', summary: "Test the instance's key against the provider, spending nothing", params: k.InstanceProviderKeyParams, response: k.ConnectionTest }),

  listAccounts: endpoint({ method: 'GET', path: '/admin/accounts', action: 'instance.admin', summary: 'All accounts', response: s.AccountList }),
  createAccount: endpoint({ method: 'POST', path: '/admin/accounts', action: 'instance.admin', summary: 'Create an account', body: s.CreateAccountInput, response: s.Account, status: 201 }),
  updateAccount: endpoint({ method: 'PATCH', path: '/admin/accounts/:id', action: 'instance.admin', summary: 'Disable, enable or promote an account', params: s.IdParams, body: s.UpdateAccountInput, response: s.Account }),
  issueResetLink: endpoint({ method: 'POST', path: '/admin/accounts/:id/reset-link', action: 'instance.admin', summary: 'Issue a password reset link (emailed when mail is configured)', params: s.IdParams, response: s.ResetLink, status: 201 }),
  instanceSettings: endpoint({ method: 'GET', path: '/admin/settings', action: 'instance.admin', summary: 'Instance settings', response: s.InstanceSettings }),
  updateInstanceSettings: endpoint({ method: 'PATCH', path: '/admin/settings', action: 'instance.admin', summary: 'Change instance settings', body: s.UpdateInstanceSettingsInput, response: s.InstanceSettings }),
  instanceAudit: endpoint({ method: 'GET', path: '/admin/audit', action: 'instance.admin', summary: 'The instance audit log (accounts, sign-ins, tokens)', query: s.AuditPageQuery, response: s.AuditPage }),
  verifyInstanceAudit: endpoint({ method: 'GET', path: '/admin/audit/verify', action: 'instance.admin', summary: 'Verify the instance audit chain', response: s.ChainVerification }),
  listAuditCheckpoints: endpoint({ method: 'GET', path: '/admin/audit/checkpoints', action: 'instance.admin', summary: "Audit checkpoints taken, newest first (each chain's count and last hash)", response: s.AuditCheckpointList }),
  takeAuditCheckpoint: endpoint({ method: 'POST', path: '/admin/audit/checkpoints', action: 'instance.admin', summary: 'Take a checkpoint of every audit chain now (recorded and audited), to keep outside Backlot', response: s.AuditCheckpointRecord, status: 201 }),

  // Dailies (issue 15): sessions and their playlists, the room (presenter, presence, log), guest review links, notes export.
  listDailies: endpoint({ method: 'GET', path: '/projects/:projectId/dailies', action: 'dailies.read', summary: 'Dailies sessions, newest first (a viewer or editor: those they are invited to)', params: s.ProjectParams, response: d.DailiesSessionList }),
  createDailies: endpoint({ method: 'POST', path: '/projects/:projectId/dailies', action: 'dailies.run', summary: 'Create a dated session; its playlist from the selects since the last session (default), one of your saved take searches, or takes named by hand; attendees invited from members (audited)', params: s.ProjectParams, body: d.CreateDailiesInput, response: d.DailiesDetail, status: 201 }),
  getDailies: endpoint({ method: 'GET', path: '/projects/:projectId/dailies/:sessionId', action: 'dailies.read', summary: 'A session: its playlist (each take as you may see it), attendees, who is present and where the presenter is', params: d.DailiesParams, response: d.DailiesDetail }),
  updateDailies: endpoint({ method: 'PATCH', path: '/projects/:projectId/dailies/:sessionId', action: 'dailies.run', summary: "Rename or re-date an open session", params: d.DailiesParams, body: d.UpdateDailiesInput, response: d.DailiesDetail }),
  closeDailies: endpoint({ method: 'POST', path: '/projects/:projectId/dailies/:sessionId/close', action: 'dailies.run', summary: 'Close a session: read-only from then on; its review links stop working (audited)', params: d.DailiesParams, response: d.DailiesDetail }),
  addDailiesItems: endpoint({ method: 'POST', path: '/projects/:projectId/dailies/:sessionId/items', action: 'dailies.run', summary: 'Add takes to the playlist at a position (the end when absent)', params: d.DailiesParams, body: d.AddDailiesItemsInput, response: d.DailiesItemList, status: 201 }),
  reorderDailiesItems: endpoint({ method: 'POST', path: '/projects/:projectId/dailies/:sessionId/items/reorder', action: 'dailies.run', summary: 'Put the whole playlist in a new order (every item once; 409 dailies.playlist_stale when it changed meanwhile)', params: d.DailiesParams, body: d.ReorderDailiesInput, response: d.DailiesItemList }),
  moveDailiesItem: endpoint({ method: 'PATCH', path: '/projects/:projectId/dailies/:sessionId/items/:itemId', action: 'dailies.run', summary: 'Move one item to a position (drag or keys)', params: d.DailiesItemParams, body: d.MoveDailiesItemInput, response: d.DailiesItemList }),
  removeDailiesItem: endpoint({ method: 'DELETE', path: '/projects/:projectId/dailies/:sessionId/items/:itemId', action: 'dailies.run', summary: 'Take an item off the playlist', params: d.DailiesItemParams, response: d.DailiesItemList }),
  setDailiesAttendees: endpoint({ method: 'PUT', path: '/projects/:projectId/dailies/:sessionId/attendees', action: 'dailies.run', summary: 'Who is invited (members of the project; the creator stays)', params: d.DailiesParams, body: d.SetAttendeesInput, response: d.DailiesAttendeeList }),
  presentDailies: endpoint({ method: 'POST', path: '/projects/:projectId/dailies/:sessionId/presenter', action: 'dailies.run', summary: "Set the presenter's state (item, version, play state, frame, layout); every attendee's stream gets it as dailies.presenter", params: d.DailiesParams, body: d.PresenterStateInput, response: d.PresenterState }),
  dailiesPresence: endpoint({ method: 'POST', path: '/projects/:projectId/dailies/:sessionId/presence', action: 'dailies.attend', summary: 'Join, stay (heartbeat every 10 s) or leave the room; answers who is present', params: d.DailiesParams, body: d.PresenceInput, response: d.Presence }),
  dailiesLog: endpoint({ method: 'GET', path: '/projects/:projectId/dailies/:sessionId/log', action: 'dailies.read', summary: "The room's log: who joined and left, what was played when, each decision and note", params: d.DailiesParams, response: d.RoomLog }),
  exportDailiesNotes: endpoint({ method: 'GET', path: '/projects/:projectId/dailies/:sessionId/notes-export', action: 'dailies.read', summary: "The notes on the session's takes as CSV or JSON in the dailies notes shape (docs/dailies-notes.md); what you may read of them", params: d.DailiesParams, query: d.NotesExportQuery, response: d.NotesExport }),
  exportTakeNotes: endpoint({ method: 'GET', path: '/projects/:projectId/takes/:takeId/notes-export', action: 'take.read', summary: "A take's notes as CSV or JSON in the dailies notes shape (docs/dailies-notes.md)", params: t.TakeParams, query: d.NotesExportQuery, response: d.NotesExport }),
  listReviewLinks: endpoint({ method: 'GET', path: '/projects/:projectId/dailies/:sessionId/links', action: 'dailies.run', summary: "The session's guest review links", params: d.DailiesParams, response: d.ReviewLinkList }),
  createReviewLink: endpoint({ method: 'POST', path: '/projects/:projectId/dailies/:sessionId/links', action: 'dailies.run', summary: 'Share the session with people who have no account: an expiring link, optionally with a passcode; its token is shown once (audited)', params: d.DailiesParams, body: d.CreateReviewLinkInput, response: d.CreatedReviewLink, status: 201 }),
  revokeReviewLink: endpoint({ method: 'POST', path: '/projects/:projectId/dailies/:sessionId/links/:linkId/revoke', action: 'dailies.run', summary: 'Revoke a review link: its guests are out at once (audited)', params: d.DailiesLinkParams, response: d.ReviewLink }),
  joinReviewLink: endpoint({ method: 'POST', path: '/review-links/join', action: 'public.review_link', summary: 'A guest opens a review link with their name (and its passcode); wrong passcodes are limited per link (10 in 15 minutes, across every server)', body: d.JoinReviewLinkInput, response: d.GuestJoined }),
  guestDailies: endpoint({ method: 'GET', path: '/guest/dailies', action: 'guest.view', summary: "The guest's session as a viewer sees it", response: d.GuestDailies }),
  guestTakeNotes: endpoint({ method: 'GET', path: '/guest/takes/:takeId/notes', action: 'guest.view', summary: 'Client-visible notes of a take on the link', params: d.GuestTakeParams, response: r.NoteList }),
  guestCreateNote: endpoint({ method: 'POST', path: '/guest/takes/:takeId/notes', action: 'guest.write', summary: 'A client-visible note (with a drawing) under the name the guest gave (audited under the link)', params: d.GuestTakeParams, body: r.CreateNoteInput, response: r.Note, status: 201 }),
  guestPresence: endpoint({ method: 'POST', path: '/guest/presence', action: 'guest.write', summary: "Join, stay or leave the link's room", body: d.PresenceInput, response: d.Presence }),
} as const satisfies Record<string, Endpoint>;

export type Endpoints = typeof endpoints;
export type EndpointName = keyof Endpoints;
