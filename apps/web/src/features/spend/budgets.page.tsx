/**
 * Budgets and caps: the project's budget and bar, each scene's budget, the spend caps per member
 * and per role, and the sign-off threshold. Owners and producers edit them (each change audited);
 * directors read them, with no controls to change them.
 */
import { Link } from 'react-router-dom';
import { useDocumentTitle } from '../../shared/lib/use-document-title.ts';
import { NeedsPermission } from '../../shared/project/needs-permission.tsx';
import { useProject } from '../../shared/project/project-context.ts';
import { LoadError, Loading, PageHeader, Section } from '../../shared/ui/page.tsx';
import { BudgetBar } from './budget-bar.tsx';
import { moneyLabel } from './money.ts';
import { ProjectBudgetForm } from './project-budget.form.tsx';
import { useBudgets } from './queries.ts';
import { SceneBudgets } from './scene-budgets.tsx';
import { SpendCaps } from './spend-caps.tsx';
import { SpendTabs } from './spend-tabs.tsx';

export function BudgetsPage() {
  const { project } = useProject();
  useDocumentTitle('Budgets and caps', project.code);
  return (
    <div className="page page-wide">
      <NeedsPermission action="spend.read" what="see spend and budgets">
        <PageHeader title="Spend" sub={`Amounts in ${project.currency}`} />
        <SpendTabs projectId={project.id} />
        <Budgets />
      </NeedsPermission>
    </div>
  );
}

function Budgets() {
  const { project, mayChange } = useProject();
  const overview = useBudgets(project.id);
  const mayManage = mayChange('spend.manage');
  if (overview.error && !overview.data) return <LoadError error={overview.error} retry={overview.reload} />;
  if (!overview.data) return <Loading what="Loading budgets and caps" />;
  const o = overview.data;
  const threshold = project.generation.signOffAbove;
  return (
    <>
      {!mayManage && <p className="muted">Owners and producers set budgets, caps and the sign-off threshold; you can read them here.</p>}
      <Section title="Project budget" id="project-budget-title">
        {mayManage && mayChange('project.edit_settings') ? (
          <ProjectBudgetForm />
        ) : (
          <p>
            <span className="mono">{moneyLabel(o.project.budget, o.currency)}</span>
          </p>
        )}
        {o.project.budget !== null && (
          <div className="budget-line">
            <BudgetBar bar={{ budget: o.project.budget, held: o.project.held, spent: o.project.spent }} currency={o.currency} label="Project budget" />
            <span className="muted small">
              <span className="mono">{o.project.held}</span> reserved now · <span className="mono">{o.project.spent}</span> spent · <span className="mono">{o.project.remaining ?? '—'}</span> left
            </span>
          </div>
        )}
      </Section>
      <Section title="Scene budgets" id="scene-budgets-title">
        <p className="muted small">A scene with a budget of its own cannot pass it; the others spend from the project’s budget alone.</p>
        {o.scenes.length === 0 ? <p className="muted">No scenes yet.</p> : <SceneBudgets projectId={project.id} overview={o} mayManage={mayManage} />}
      </Section>
      <Section title="Spend caps" id="spend-caps-title">
        <SpendCaps projectId={project.id} overview={o} mayManage={mayManage} />
      </Section>
      <Section title="Sign-off" id="sign-off-title">
        <p>
          {threshold === null
            ? 'No sign-off threshold: every request within the budgets and caps is queued at once.'
            : `Requests estimated above ${moneyLabel(threshold, project.currency)} wait for a producer’s or owner’s sign-off.`}{' '}
          {mayChange('project.edit_settings') && <Link to={`/projects/${project.id}/settings`}>Change it in the project’s generation settings</Link>}
        </p>
      </Section>
    </>
  );
}
