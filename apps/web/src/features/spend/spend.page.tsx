/**
 * A project's spend, for those who may read it: what is reserved now for takes in flight against
 * what is settled, the project's budget bar, the requests waiting for sign-off, and the spend by
 * provider, model, member, scene, shot or day (the grouping rides in the address, `?by=`), with the
 * cost of rejects and the cost per approved second; the per-take CSV export downloads from here.
 * Live: a take reserved, settled, released or decided reloads it. `g` switches the grouping.
 */
import { SPEND_GROUPINGS, type SpendGrouping } from '@backlot/contracts';
import { useSearchParams } from 'react-router-dom';
import { useDocumentTitle } from '../../shared/lib/use-document-title.ts';
import { NeedsPermission } from '../../shared/project/needs-permission.tsx';
import { useProject } from '../../shared/project/project-context.ts';
import { useShortcuts } from '../../shared/shortcuts/shortcuts.tsx';
import { LinkButton } from '../../shared/ui/button.tsx';
import { EmptyState } from '../../shared/ui/empty-state.tsx';
import { LoadError, Loading, PageHeader, Section } from '../../shared/ui/page.tsx';
import { BudgetBar } from './budget-bar.tsx';
import { spendCsvUrl, useSpendView } from './queries.ts';
import { SignOffsSection } from './sign-offs.section.tsx';
import { SpendTable } from './spend-table.tsx';
import { SpendTabs } from './spend-tabs.tsx';

const GROUPING_WORDS: Record<SpendGrouping, string> = { provider: 'Provider', model: 'Model', member: 'Member', scene: 'Scene', shot: 'Shot', day: 'Day' };

export function SpendPage() {
  const { project } = useProject();
  useDocumentTitle('Spend', project.code);
  return (
    <div className="page page-wide">
      <NeedsPermission action="spend.read" what="see spend and budgets">
        <PageHeader title="Spend" sub={`Amounts in ${project.currency}`}>
          <a className="btn btn-plain" href={spendCsvUrl(project.id)} download>
            Download CSV
          </a>
        </PageHeader>
        <SpendTabs projectId={project.id} />
        <SpendOverview />
      </NeedsPermission>
    </div>
  );
}

function SpendOverview() {
  const { project } = useProject();
  const [search, setSearch] = useSearchParams();
  const asked = search.get('by') as SpendGrouping | null;
  const by: SpendGrouping = asked && SPEND_GROUPINGS.includes(asked) ? asked : 'scene';
  const view = useSpendView(project.id, by);
  const group = (next: SpendGrouping) => setSearch(next === 'scene' ? {} : { by: next }, { replace: true });
  useShortcuts([
    {
      keys: ['g'],
      label: 'g',
      help: 'Group spend by the next of provider, model, member, scene, shot, day',
      run: () => group(SPEND_GROUPINGS[(SPEND_GROUPINGS.indexOf(by) + 1) % SPEND_GROUPINGS.length]),
    },
  ]);

  if (view.error && !view.data) return <LoadError error={view.error} retry={view.reload} />;
  if (!view.data) return <Loading what="Adding up the spend" />;
  const v = view.data;
  const cur = v.currency;
  return (
    <>
      <section className="spend-summary" aria-label="Project spend">
        <dl className="spend-figures">
          <div>
            <dt>Budget</dt>
            <dd className="mono">
              {v.project.budget} {cur}
            </dd>
          </div>
          <div>
            <dt>Reserved now</dt>
            <dd className="mono" data-figure="held">
              {v.totals.held} {cur}
            </dd>
          </div>
          <div>
            <dt>Settled</dt>
            <dd className="mono" data-figure="settled">
              {v.totals.settled} {cur}
            </dd>
          </div>
          <div>
            <dt>Estimated</dt>
            <dd className="mono">
              {v.totals.estimated} {cur}
            </dd>
          </div>
          <div>
            <dt>Cost of rejects</dt>
            <dd className="mono" data-figure="rejects">
              {v.totals.rejects} {cur}
            </dd>
          </div>
          <div>
            <dt>Takes</dt>
            <dd className="mono">{v.totals.takes}</dd>
          </div>
        </dl>
        <BudgetBar bar={v.project} currency={cur} label="Project budget" />
      </section>
      <SignOffsSection />
      <Section
        title="Where the money went"
        id="spend-by-title"
        actions={
          <fieldset className="segmented fieldset-bare" aria-label="Group by">
            {SPEND_GROUPINGS.map((g) => (
              <button key={g} type="button" className={g === by ? 'segment segment-on' : 'segment'} aria-pressed={g === by} onClick={() => group(g)}>
                {GROUPING_WORDS[g]}
              </button>
            ))}
          </fieldset>
        }
      >
        {v.rows.length === 0 ? (
          <EmptyState title="Nothing spent yet" action={<LinkButton to={`/projects/${project.id}/shots`}>Go to the shots</LinkButton>}>
            Takes asked for in this project show here with what they were estimated at, what is reserved for them and what they cost.
          </EmptyState>
        ) : (
          <SpendTable projectId={project.id} view={v} />
        )}
      </Section>
    </>
  );
}
