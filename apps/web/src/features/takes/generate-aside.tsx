/** Beside a shot's takes: the generate panel, once the models (and, to regenerate, the takes and the note answered) have loaded. */
import type { Shot, Take } from '@backlot/contracts';
import { api } from '../../shared/api/client.ts';
import { keys } from '../../shared/api/keys.ts';
import { useLoad } from '../../shared/lib/use-load.ts';
import { LoadError, Loading } from '../../shared/ui/page.tsx';
import { GeneratePanel } from './generate-panel.tsx';

export interface GenerateAsideProps {
  projectId: string;
  shot: Shot;
  takes: Take[] | undefined;
  regenerateId: string | null;
  noteId: string | null;
  onClose: () => void;
  onGenerated: (made: Take[]) => void;
}

export function GenerateAside({ projectId, shot, takes, regenerateId, noteId, onClose, onGenerated }: GenerateAsideProps) {
  const models = useLoad(keys.projects.models(projectId), () => api.listModels({ params: { projectId } }));
  const notes = useLoad(keys.review.notes(projectId, regenerateId ?? ''), () => api.listNotes({ params: { projectId, takeId: regenerateId! } }), { enabled: !!noteId && !!regenerateId });
  const note = noteId ? notes.data?.notes.find((n) => n.id === noteId) : undefined;
  const parent = regenerateId ? takes?.find((t) => t.id === regenerateId) : undefined;
  return (
    <aside className="takes-aside">
      {models.error ? <LoadError error={models.error} retry={models.reload} /> : null}
      {!models.data || (regenerateId && !takes) ? (
        <Loading what="Loading the models" />
      ) : (
        <GeneratePanel key={`${regenerateId ?? 'new'}:${note?.id ?? ''}`} shot={shot} models={models.data.models} parent={parent} note={note} onClose={onClose} onGenerated={onGenerated} />
      )}
    </aside>
  );
}
