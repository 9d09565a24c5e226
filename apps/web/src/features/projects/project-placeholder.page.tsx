/** The sections still to come, each saying honestly what will arrive here and with what. */
import type { Action } from '@backlot/contracts';
import { EmptyState } from '../../shared/ui/empty-state.tsx';
import { PageHeader } from '../../shared/ui/page.tsx';
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
];

export function ProjectPlaceholderPage({ area }: { area: string }) {
  const p = PLACEHOLDERS.find((x) => x.path === area)!;
  return (
    <div className="page">
      <NeedsPermission action={p.needs} what={p.what}>
        <PageHeader title={p.title} />
        <EmptyState title={p.coming}>{p.detail}</EmptyState>
      </NeedsPermission>
    </div>
  );
}
