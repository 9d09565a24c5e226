/** The fields of a scene — number, heading, beat, characters, excerpt — shared by the add dialog and the side panel. */
import { Field, Input } from '../../shared/ui/form.tsx';
import { TextAreaField } from '../../shared/ui/text-area-field.tsx';

export interface SceneDraft {
  number: string;
  heading: string;
  beat: string;
  characters: string;
  excerpt: string;
}

export const EMPTY_SCENE: SceneDraft = { number: '', heading: '', beat: '', characters: '', excerpt: '' };

/** "BRICK, STEEL" → ["BRICK", "STEEL"]: names separated by commas, blanks and repeats dropped. */
export function charactersOf(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((c) => c.trim())
        .filter(Boolean),
    ),
  ];
}

export function SceneFields({ draft, change, error, withExcerpt }: { draft: SceneDraft; change: (patch: Partial<SceneDraft>) => void; error: unknown; withExcerpt?: boolean }) {
  return (
    <>
      <div className="field-row">
        <Field label="Number" name="number" hint={draft.number ? undefined : 'Empty: the next free number.'} className="field-number">
          <Input mono value={draft.number} maxLength={6} placeholder="12A" onChange={(e) => change({ number: e.target.value.toUpperCase() })} />
        </Field>
        <Field label="Heading" name="heading">
          <Input mono value={draft.heading} maxLength={200} placeholder="INT. WAREHOUSE - NIGHT" onChange={(e) => change({ heading: e.target.value })} />
        </Field>
      </div>
      <TextAreaField label="Beat" name="beat" error={error} rows={2} maxLength={2000} value={draft.beat} placeholder="What changes in this scene" onChange={(e) => change({ beat: e.target.value })} />
      <Field label="Characters" name="characters" hint="Names separated by commas, as the script writes them.">
        <Input value={draft.characters} placeholder="BRICK, STEEL" onChange={(e) => change({ characters: e.target.value })} />
      </Field>
      {withExcerpt && (
        <TextAreaField
          label="Script excerpt"
          name="excerpt"
          error={error}
          rows={8}
          className="excerpt-field"
          value={draft.excerpt}
          placeholder="The scene as written"
          onChange={(e) => change({ excerpt: e.target.value })}
        />
      )}
    </>
  );
}
