/**
 * The one scheme of query keys, by area, as a tree: a project's keys all start with
 * ['project', id], then the area, then what is named. Invalidating a key also invalidates every key
 * under it, so the event stream and each change name the smallest branch they touch.
 */
export type Filters = Record<string, string | number | boolean | undefined>;

const project = (projectId: string) => ['project', projectId] as const;

export const keys = {
  /** Everything cached for one project (after the event stream was down and may have missed changes). */
  project,
  projects: {
    all: ['projects'] as const,
    list: (closed: 'include' | 'exclude') => ['projects', 'list', closed] as const,
    detail: (projectId: string) => [...project(projectId), 'detail'] as const,
    models: (projectId: string) => [...project(projectId), 'models'] as const,
  },
  plan: {
    all: (projectId: string) => [...project(projectId), 'plan'] as const,
    scenes: (projectId: string) => [...project(projectId), 'plan', 'scenes'] as const,
    numbering: (projectId: string) => [...project(projectId), 'plan', 'numbering'] as const,
    /** The script revisions (each applied import) and the scenes each touched. */
    revisions: (projectId: string) => [...project(projectId), 'plan', 'revisions'] as const,
    /** Every shot of the project, or of one scene. */
    shots: (projectId: string, sceneId?: string) => [...project(projectId), 'plan', 'shots', sceneId ?? 'all'] as const,
    shot: (projectId: string, shotId: string) => [...project(projectId), 'plan', 'shot', shotId] as const,
    versions: (projectId: string, shotId: string, planVersion: number) => [...project(projectId), 'plan', 'shot', shotId, 'versions', planVersion] as const,
    diff: (projectId: string, shotId: string, from: number, to: number) => [...project(projectId), 'plan', 'shot', shotId, 'diff', from, to] as const,
    /** The poster of each shot (its best take's), of the project or of one scene. */
    posters: (projectId: string, sceneId?: string) => [...project(projectId), 'plan', 'posters', sceneId ?? 'all'] as const,
    /** The posters of every scene and of the whole project. */
    everyPoster: (projectId: string) => [...project(projectId), 'plan', 'posters'] as const,
  },
  takes: {
    all: (projectId: string) => [...project(projectId), 'takes'] as const,
    /** A shot's takes. */
    shot: (projectId: string, shotId: string) => [...project(projectId), 'takes', 'shot', shotId] as const,
    take: (projectId: string, takeId: string) => [...project(projectId), 'takes', 'take', takeId] as const,
    /** The project's takes across shots, filtered. */
    lists: (projectId: string) => [...project(projectId), 'takes', 'list'] as const,
    list: (projectId: string, filters: Filters) => [...project(projectId), 'takes', 'list', filters] as const,
    /** The member's saved searches of the project's takes. */
    filters: (projectId: string) => [...project(projectId), 'takes', 'filters'] as const,
  },
  review: {
    notes: (projectId: string, takeId: string) => [...project(projectId), 'review', 'notes', takeId] as const,
    history: (projectId: string, takeId: string) => [...project(projectId), 'review', 'history', takeId] as const,
    /** Takes side by side: the takes named, and their differences. */
    compare: (projectId: string, takeIds: string[]) => [...project(projectId), 'review', 'compare', takeIds] as const,
    /** The continuity of a scene's shots and their takes. */
    continuity: (projectId: string, sceneId: string) => [...project(projectId), 'review', 'continuity', sceneId] as const,
  },
  assets: {
    list: (projectId: string, filters?: Filters) => (filters ? ([...project(projectId), 'assets', 'list', filters] as const) : ([...project(projectId), 'assets', 'list'] as const)),
    asset: (projectId: string, assetId: string) => [...project(projectId), 'assets', 'asset', assetId] as const,
    /** The references of a shot's plan version. */
    references: (projectId: string, shotId: string, planVersion: number) => [...project(projectId), 'assets', 'references', shotId, planVersion] as const,
  },
  members: {
    list: (projectId: string) => [...project(projectId), 'members', 'list'] as const,
    mentionable: (projectId: string) => [...project(projectId), 'members', 'mentionable'] as const,
    invitations: (projectId: string) => [...project(projectId), 'members', 'invitations'] as const,
    invitation: (token: string) => ['invitation', token] as const,
  },
  /** A project's ComfyUI workflows (issue 18), and one in full. */
  comfyWorkflows: {
    list: (projectId: string) => [...project(projectId), 'comfyui'] as const,
    one: (projectId: string, workflowId: string) => [...project(projectId), 'comfyui', workflowId] as const,
  },
  providerKeys: {
    project: (projectId: string) => [...project(projectId), 'keys'] as const,
    instance: ['instance', 'keys'] as const,
  },
  audit: {
    log: (chain: string) => ['audit', chain] as const,
  },
  admin: {
    settings: ['instance', 'settings'] as const,
    accounts: ['instance', 'accounts'] as const,
    checkpoints: ['instance', 'checkpoints'] as const,
  },
  account: {
    sessions: ['account', 'sessions'] as const,
    tokens: ['account', 'tokens'] as const,
  },
  dailies: {
    /** Every dailies view of a project. */
    all: (projectId: string) => [...project(projectId), 'dailies'] as const,
    list: (projectId: string) => [...project(projectId), 'dailies', 'list'] as const,
    /** A session: playlist, attendees, who is present, the presenter. */
    session: (projectId: string, sessionId: string) => [...project(projectId), 'dailies', 'session', sessionId] as const,
    log: (projectId: string, sessionId: string) => [...project(projectId), 'dailies', 'session', sessionId, 'log'] as const,
    links: (projectId: string, sessionId: string) => [...project(projectId), 'dailies', 'session', sessionId, 'links'] as const,
  },
  /** A guest's session on a review link (no project key: a guest has none). */
  guestDailies: ['guest', 'dailies'] as const,
  guestNotes: (takeId: string) => ['guest', 'notes', takeId] as const,
  home: ['home'] as const,
  spend: {
    /** Everything about a project's money: views, budgets, prices, drift and the takes waiting for sign-off. */
    all: (projectId: string) => [...project(projectId), 'spend'] as const,
    /** The spend view grouped one way. */
    view: (projectId: string, by: string) => [...project(projectId), 'spend', 'view', by] as const,
    budgets: (projectId: string) => [...project(projectId), 'spend', 'budgets'] as const,
    prices: (projectId: string) => [...project(projectId), 'spend', 'prices'] as const,
    drift: (projectId: string) => [...project(projectId), 'spend', 'drift'] as const,
    /** The takes waiting for a producer's sign-off. */
    signOffs: (projectId: string) => [...project(projectId), 'spend', 'sign-offs'] as const,
  },
  handoff: {
    /** Every handoff preview of the project. */
    all: (projectId: string) => [...project(projectId), 'handoff'] as const,
    /** What a handoff would hold for these choices. */
    preview: (projectId: string, choices: Filters) => [...project(projectId), 'handoff', choices] as const,
  },
};

/** What a review decision on a take changes: the take and its lists, its history, and its shot's best take, approval and poster. */
export function touchedByDecision(projectId: string, take: { id: string; shotId: string }) {
  return [
    keys.takes.take(projectId, take.id),
    keys.takes.shot(projectId, take.shotId),
    keys.takes.lists(projectId),
    keys.review.history(projectId, take.id),
    keys.plan.shot(projectId, take.shotId),
    keys.plan.everyPoster(projectId),
  ];
}

/** What a change to the plan (scenes, shots, their order or coverage) touches: every plan view of the project. */
export function touchedByPlanChange(projectId: string) {
  return [keys.plan.all(projectId)];
}
