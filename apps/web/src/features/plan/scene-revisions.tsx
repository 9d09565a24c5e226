/** The script revisions that touched a scene, as small coloured marks ("blue: heading"); not list items, since the card is one. */
import type { SceneRevisionMark } from '@backlot/contracts';

const PART_WORDS: Record<string, string> = { text: 'layout', restored: 'restored' };

/** What a revision did to a scene: "added", "omitted", or the parts changed ("heading, action"). */
export function changeWords(mark: Pick<SceneRevisionMark, 'change' | 'parts'>): string {
  if (mark.change !== 'changed') return mark.change;
  return mark.parts.map((p) => PART_WORDS[p] ?? p).join(', ') || 'changed';
}

export function SceneRevisions({ marks }: { marks: SceneRevisionMark[] }) {
  if (marks.length === 0) return null;
  return (
    <fieldset className="scene-revisions fieldset-bare" aria-label="Script revisions">
      {marks.map((m) => (
        <span
          key={m.revision}
          className={`revision-chip revision-${m.colour.replace(/\s+/g, '-')}`}
          title={`Revision ${m.revision} (${m.colour}), ${new Date(m.at).toLocaleDateString()}: ${changeWords(m)}`}
        >
          {m.colour}: {changeWords(m)}
        </span>
      ))}
    </fieldset>
  );
}
