/** The sections still to come, each saying honestly what will arrive here and with what. */
import type { Action } from '@backlot/contracts';
import { EmptyState } from '../../shared/ui/empty-state.tsx';
import { PageHeader } from '../../shared/ui/page.tsx';
import { useProject } from '../../shared/project/project-context.ts';
import { NeedsPermission } from '../../shared/project/needs-permission.tsx';

interface Placeholder {
  path: string;
  title: string;
  needs: Action;
  what: string;
  coming: string;
  detail: string;
}

export const PLACEHOLDERS: Placeholder[] = [
  {
    path: 'takes',
    title: 'Takes',
    needs: 'project.view',
    what: 'see takes',
    coming: 'Takes arrive with generation',
    detail: 'Every take tied to its shot plan, the exact request, the model, the references used and the cost.',
  },
  {
    path: 'dailies',
    title: 'Dailies',
    needs: 'project.view',
    what: 'attend dailies',
    coming: 'Dailies arrive with takes',
    detail: 'Playlists of selects reviewed together, with decisions, timecoded notes and a report afterwards.',
  },
  {
    path: 'spend',
    title: 'Spend',
    needs: 'spend.read',
    what: 'see spend and budgets',
    coming: 'Spend arrives with generation',
    detail: 'The cost of every take, counted against the project budget.',
  },
];

export function ProjectPlaceholderPage({ area }: { area: string }) {
  const { project } = useProject();
  const p = PLACEHOLDERS.find((x) => x.path === area)!;
  return (
    <div className="page">
      <NeedsPermission action={p.needs} what={p.what}>
        <PageHeader title={p.title} />
        <EmptyState title={p.coming}>
          {p.detail}
          {p.path === 'spend' && project.budget !== undefined && (
            <div className="muted">
              Budget: <span className="mono">{project.budget}</span> {project.currency}
            </div>
          )}
        </EmptyState>
      </NeedsPermission>
    </div>
  );
}
