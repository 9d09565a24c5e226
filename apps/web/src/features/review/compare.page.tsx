/**
 * Compare: two to four takes side by side playing as one (space plays and pauses all, ←/→ step a
 * frame, shift+←/→ a second, the slider seeks all), or two with a wipe (W), and what differs
 * between them. `?anchor=1` compares one take with its start-frame anchor, beside it or wiped
 * against it. The address keeps the takes and the layout, so a shared link reopens the same view.
 * Takes still generating (asked for across providers) are listed with their live status and join
 * the players once rendered; one that failed says why without holding up the others.
 */
import { Link, useLocation, useSearchParams } from 'react-router-dom';
import { Banner } from '../../shared/ui/banner.tsx';
import { api } from '../../shared/api/client.ts';
import { useDocumentTitle } from '../../shared/lib/use-document-title.ts';
import { useLoad } from '../../shared/lib/use-load.ts';
import { keys } from '../../shared/api/keys.ts';
import { Button } from '../../shared/ui/button.tsx';
import { EmptyState } from '../../shared/ui/empty-state.tsx';
import { LoadError, Loading, Section } from '../../shared/ui/page.tsx';
import { NeedsPermission } from '../../shared/project/needs-permission.tsx';
import { useProject } from '../../shared/project/project-context.ts';
import { useCrumbs } from '../../shared/project/project-crumbs.ts';
import { DifferencesTable } from './differences-table.tsx';
import { anchorOf, ComparePlayers } from './compare-players.tsx';
import { CompareWaiting } from './compare-waiting.tsx';

export function ComparePage() {
  return (
    <div className="page page-wide">
      <NeedsPermission action="take.read" what="see takes">
        <Compare />
      </NeedsPermission>
    </div>
  );
}

function Compare() {
  const { project } = useProject();
  const projectId = project.id;
  const [search, setSearch] = useSearchParams();
  // Models a generation across providers did not ask (the generate panel says so on its way here).
  const refused = (useLocation().state as { refused?: { label: string; message: string }[] } | null)?.refused ?? [];
  const ids = (search.get('ids') ?? '').split(',').filter(Boolean).slice(0, 4);
  const withAnchor = search.get('anchor') === '1' && ids.length === 1;
  const layout = search.get('layout') === 'wipe' && (ids.length === 2 || withAnchor) ? 'wipe' : 'side';
  const key = ids.join(',');
  const takes = useLoad([...keys.review.compare(projectId, ids), 'takes'], () => Promise.all(ids.map((takeId) => api.getTake({ params: { projectId, takeId } }))));
  const diff = useLoad([...keys.review.compare(projectId, ids), 'diff'], () => api.compareTakes({ params: { projectId }, query: { ids: key } }), { enabled: ids.length >= 2 });
  const list = takes.data ?? [];
  useDocumentTitle(list.length ? `Compare ${list.map((t) => t.code).join(' · ')}` : 'Compare', project.code);
  useCrumbs([{ label: 'Compare' }]);
  const setLayout = (next: 'side' | 'wipe') =>
    setSearch(
      (s) => {
        const n = new URLSearchParams(s);
        if (next === 'wipe') n.set('layout', 'wipe');
        else n.delete('layout');
        return n;
      },
      { replace: true },
    );

  if (ids.length < (withAnchor ? 1 : 2)) {
    return (
      <EmptyState title="Pick takes to compare">
        Pick two to four takes in a shot's grid (shift-click or shift+arrows) and press <kbd>C</kbd>, or open a take's start-frame comparison.
      </EmptyState>
    );
  }
  if (takes.error && !takes.data) return <LoadError error={takes.error} retry={takes.reload} />;
  if (!takes.data) return <Loading what="Loading the takes" />;
  const missing = list.filter((t) => !t.media);
  const rendered = list.filter((t) => t.media);
  const anchor = withAnchor ? anchorOf(list[0]) : undefined;

  return (
    <>
      <div className="page-header">
        <div>
          <h1 className="page-title">
            Compare{' '}
            {list.map((t, i) => (
              <span key={t.id} className="mono">
                {i > 0 && ' · '}
                <Link to={`/projects/${projectId}/takes/${t.id}`}>
                  {t.shotCode} {t.code}
                </Link>
              </span>
            ))}
            {withAnchor && <span className="muted"> with its start-frame anchor</span>}
          </h1>
        </div>
        {(ids.length === 2 || withAnchor) && (
          <fieldset className="page-actions fieldset-bare" aria-label="Layout">
            <Button aria-pressed={layout === 'side'} variant={layout === 'side' ? 'primary' : 'plain'} onClick={() => setLayout('side')}>
              Side by side
            </Button>
            <Button aria-pressed={layout === 'wipe'} variant={layout === 'wipe' ? 'primary' : 'plain'} onClick={() => setLayout('wipe')} title="Wipe (w)">
              Wipe
            </Button>
          </fieldset>
        )}
      </div>
      {refused.length > 0 && (
        <Banner tone="warn">
          <span>Not asked for: {refused.map((r) => r.message).join(' ')}</span>
        </Banner>
      )}
      <CompareWaiting projectId={projectId} takes={missing} />
      {rendered.length === 0 ? (
        <EmptyState title="Nothing to play yet">{missing.map((t) => t.code).join(', ')} has no picture yet: compare it once it has rendered.</EmptyState>
      ) : withAnchor && !anchor ? (
        <EmptyState title="No start-frame anchor">{list[0].code}'s plan has no start-frame reference; attach one to the plan to compare against it.</EmptyState>
      ) : (
        <ComparePlayers
          key={rendered.map((t) => t.id).join(',')}
          takes={rendered}
          rate={project.frameRate}
          timecodeMode={project.timecodeMode}
          layout={rendered.length === 2 || withAnchor ? layout : 'side'}
          anchor={anchor}
          onToggleWipe={() => setLayout(layout === 'wipe' ? 'side' : 'wipe')}
        />
      )}
      {ids.length >= 2 && (
        <Section title="What differs" id="differences-title">
          {diff.error ? <LoadError error={diff.error} retry={diff.reload} /> : diff.data ? <DifferencesTable comparison={diff.data} takes={list} /> : <Loading what="Comparing" />}
        </Section>
      )}
    </>
  );
}
