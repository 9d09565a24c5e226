/**
 * Keeps the home page live: while it is shown it listens to the event streams of the member's
 * projects, and an event that may bring news (a note, a decision, a failed generation, a sign-off)
 * loads the feed again, so new mentions and notes appear without a reload. Each stream holds a
 * connection, and a browser allows only six to one server, so a few projects at most are listened
 * to — those the feed already names first, then the others; the rest follow through the feed's
 * regular reload.
 */
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../shared/api/client.ts';
import { keys } from '../../shared/api/keys.ts';
import { gather, touchesHome } from '../../shared/events/project-events.ts';
import { useTakeEvents } from '../../shared/events/take-events.ts';
import { useLoad } from '../../shared/lib/use-load.ts';

/** The most projects whose streams the home page keeps open at once. */
export const MAX_HOME_STREAMS = 3;

/** The projects to listen to: those the feed names, in its order, then the member's others; a few at most. */
export function projectsToListen(named: string[], all: string[], max = MAX_HOME_STREAMS): string[] {
  return [...new Set([...named, ...all])].slice(0, max);
}

export function HomeStreams({ named }: { named: string[] }) {
  const projects = useLoad(keys.projects.list('exclude'), () => api.listProjects({ query: { closed: 'exclude' } }));
  const ids = projectsToListen(
    named,
    (projects.data?.projects ?? []).map((p) => p.id),
  );
  return (
    <>
      {ids.map((id) => (
        <ProjectStream key={id} projectId={id} />
      ))}
    </>
  );
}

function ProjectStream({ projectId }: { projectId: string }) {
  const client = useQueryClient();
  useTakeEvents(projectId, {
    onEvent: (event) => {
      if (touchesHome(event)) gather(client, [{ queryKey: keys.home }]);
    },
    onReconnect: () => gather(client, [{ queryKey: keys.home }]),
  });
  return null;
}
