/**
 * The generate panel's draft: what the member typed, kept as text, and how it becomes the API's
 * request. Empty fields are left out so the plan and the project fill them; a regeneration starts
 * from the take's own provider, model and settings, with its seed only when asked to keep it.
 */
import { GenerateInput, type ModelCapabilities, type Take } from '@backlot/contracts';
import { ApiError } from '@backlot/contracts/client';

export interface GenerateDraft {
  provider: string;
  model: string;
  durationFrames: string;
  aspectRatio: string;
  resolution: string;
  seed: string;
  /** '' leaves it to the model's default. */
  audio: '' | 'on' | 'off';
  promptAddition: string;
  count: string;
  /** A cheap draft to render as a final later, where the model has a draft mode. */
  draftMode?: boolean;
  parentTakeId?: string;
  /** The code of the take regenerated, to say so. */
  parentCode?: string;
  /** The note this generation answers; the new takes link to it. */
  noteId?: string;
}

export function emptyDraft(models: ModelCapabilities[]): GenerateDraft {
  const first = models.find((m) => m.available) ?? models[0];
  return { provider: first?.provider ?? '', model: first?.model ?? '', durationFrames: '', aspectRatio: '', resolution: '', seed: '', audio: '', promptAddition: '', count: '1' };
}

const text = (v: unknown) => (v === undefined || v === null ? '' : String(v));

/** A regeneration of `take`: its provider, model and settings; its seed only when `keepSeed`. */
export function draftFromTake(take: Take, keepSeed: boolean): GenerateDraft {
  const s = take.settings ?? {};
  return {
    provider: take.provider ?? '',
    model: take.model ?? '',
    durationFrames: text(s.durationFrames),
    aspectRatio: text(s.aspectRatio),
    resolution: text(s.resolution),
    seed: keepSeed ? text(take.seed ?? s.seed) : '',
    audio: s.generateAudio === true ? 'on' : s.generateAudio === false ? 'off' : '',
    promptAddition: text(s.promptAddition),
    count: '1',
    parentTakeId: take.id,
    parentCode: take.code,
  };
}

/** A whole number typed in a field; NaN when something else was typed. */
function whole(value: string): number | undefined {
  const t = value.trim();
  if (!t) return undefined;
  return /^\d+$/.test(t) ? Number(t) : Number.NaN;
}

/**
 * The request a draft makes, or every field it gets wrong before asking the server (the shape of
 * the server's 422: `problems` lists each field with its problem, so each shows red beside its field).
 * Numbers must be whole, and the request must pass the same schema the server checks it with.
 */
export function requestOf(draft: GenerateDraft): { input: GenerateInput } | { error: ApiError } {
  const numbers = { 'settings.durationFrames': whole(draft.durationFrames), 'settings.seed': whole(draft.seed), count: whole(draft.count) };
  const problems: { field: string; message: string }[] = [];
  for (const [field, value] of Object.entries(numbers)) {
    if (Number.isNaN(value)) problems.push({ field, message: 'must be a whole number' });
  }
  const settings: NonNullable<GenerateInput['settings']> = {};
  if (numbers['settings.durationFrames'] !== undefined) settings.durationFrames = numbers['settings.durationFrames'];
  if (draft.aspectRatio) settings.aspectRatio = draft.aspectRatio;
  if (draft.resolution) settings.resolution = draft.resolution as NonNullable<GenerateInput['settings']>['resolution'];
  if (numbers['settings.seed'] !== undefined) settings.seed = numbers['settings.seed'];
  if (draft.audio) settings.generateAudio = draft.audio === 'on';
  if (draft.promptAddition.trim()) settings.promptAddition = draft.promptAddition.trim();
  if (draft.draftMode) settings.draft = true;
  const input: GenerateInput = {
    provider: draft.provider as GenerateInput['provider'],
    model: draft.model,
    settings,
    count: numbers.count ?? 1,
    ...(draft.parentTakeId ? { parentTakeId: draft.parentTakeId } : {}),
    ...(draft.noteId ? { noteId: draft.noteId } : {}),
  };
  const checked = GenerateInput.safeParse(input);
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const field = issue.path.join('.');
      if (field && !problems.some((p) => p.field === field)) problems.push({ field, message: issue.message.replace(/^Invalid input: /, '') });
    }
  }
  if (problems.length) {
    const message = problems.map((p) => `${p.field}: ${p.message}`).join('; ');
    return { error: new ApiError(422, 'request.invalid', message, problems[0].field, undefined, problems) };
  }
  return { input };
}

/** The model a draft names, if the server offers it. */
export function modelOf(models: ModelCapabilities[], draft: Pick<GenerateDraft, 'provider' | 'model'>): ModelCapabilities | undefined {
  return models.find((m) => m.provider === draft.provider && m.model === draft.model);
}
