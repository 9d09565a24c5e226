/**
 * The "generate across providers" draft: the models picked (two to four, in the order picked) and
 * the settings they share, kept as text, and how it becomes the API's request. Settings are checked
 * the way the single-model panel checks them (whole numbers, the same schema), and the request
 * must pass the schema the server checks it with.
 */
import { ACROSS_MAX_MODELS, AcrossInput, type AcrossPreview, type ModelCapabilities } from '@backlot/contracts';
import { ApiError } from '@backlot/contracts/client';
import { requestOf, type GenerateDraft } from './generate-draft.ts';

export interface AcrossDraft {
  /** `provider/model` of each model picked, in the order picked. */
  picked: string[];
  durationFrames: string;
  resolution: string;
  seed: string;
  promptAddition: string;
}

export const emptyAcrossDraft = (): AcrossDraft => ({ picked: [], durationFrames: '', resolution: '', seed: '', promptAddition: '' });

/** The key a model is picked under. */
export const pickKey = (m: Pick<ModelCapabilities, 'provider' | 'model'>) => `${m.provider}/${m.model}`;

/** Picks or unpicks a model; a fifth is not picked (compare shows four side by side). */
export function togglePick(draft: AcrossDraft, key: string): AcrossDraft {
  if (draft.picked.includes(key)) return { ...draft, picked: draft.picked.filter((k) => k !== key) };
  if (draft.picked.length >= ACROSS_MAX_MODELS) return draft;
  return { ...draft, picked: [...draft.picked, key] };
}

/** The request the draft makes, or every field it gets wrong (the shape of the server's 422). */
export function acrossRequestOf(draft: AcrossDraft): { input: AcrossInput } | { error: ApiError } {
  // The shared settings are read exactly as the single-model panel reads them.
  const single: GenerateDraft = {
    provider: 'previs',
    model: 'shared',
    durationFrames: draft.durationFrames,
    aspectRatio: '',
    resolution: draft.resolution,
    seed: draft.seed,
    audio: '',
    promptAddition: draft.promptAddition,
    count: '1',
  };
  const made = requestOf(single);
  if ('error' in made) return made;
  const targets = draft.picked.map((key) => {
    const [provider, ...rest] = key.split('/');
    return { provider: provider as AcrossInput['targets'][number]['provider'], model: rest.join('/') };
  });
  const input: AcrossInput = { targets, settings: made.input.settings };
  const checked = AcrossInput.safeParse(input);
  if (!checked.success) {
    const problems = checked.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message.replace(/^Invalid input: /, '') }));
    return { error: new ApiError(422, 'request.invalid', problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems[0].field, undefined, problems) };
  }
  return { input };
}

/** Why the batch cannot be confirmed as previewed, or undefined when it can. */
export function confirmBlocker(preview: AcrossPreview): string | undefined {
  const invalid = preview.models.filter((m) => m.error);
  if (invalid.length) return `Fix the settings ${invalid.map((m) => m.label).join(' and ')} refuses, or unpick it, first`;
  if (preview.sendable === 0) return 'Every model is refused: resolve what is refused first';
  return undefined;
}
