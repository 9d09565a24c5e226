/**
 * The project's prices: the catalog per provider and model in the project's currency (owners and
 * producers add entries, audited), and the drift of estimates against what takes actually cost.
 */
import { useDocumentTitle } from '../../shared/lib/use-document-title.ts';
import { NeedsPermission } from '../../shared/project/needs-permission.tsx';
import { useProject } from '../../shared/project/project-context.ts';
import { LoadError, Loading, PageHeader, Section } from '../../shared/ui/page.tsx';
import { DriftTable } from './drift-table.tsx';
import { PriceCatalogTable } from './price-catalog.tsx';
import { PriceForm } from './price.form.tsx';
import { useDrift, usePrices } from './queries.ts';
import { SpendTabs } from './spend-tabs.tsx';

export function PricesPage() {
  const { project } = useProject();
  useDocumentTitle('Prices', project.code);
  return (
    <div className="page page-wide">
      <NeedsPermission action="spend.read" what="see spend and prices">
        <PageHeader title="Spend" sub={`Amounts in ${project.currency}`} />
        <SpendTabs projectId={project.id} />
        <Prices />
      </NeedsPermission>
    </div>
  );
}

function Prices() {
  const { project, mayChange } = useProject();
  const catalog = usePrices(project.id);
  const drift = useDrift(project.id);
  return (
    <>
      <Section title="Price catalog" id="price-catalog-title">
        <p className="muted small">The price in force when a take is asked for estimates it, and the take keeps which price it used.</p>
        {catalog.error && !catalog.data ? (
          <LoadError error={catalog.error} retry={catalog.reload} />
        ) : !catalog.data ? (
          <Loading what="Loading the prices" />
        ) : (
          <PriceCatalogTable catalog={catalog.data} />
        )}
      </Section>
      {mayChange('spend.manage') && catalog.data && (
        <Section title="Add a price" id="add-price-title">
          <PriceForm projectId={project.id} catalog={catalog.data} />
        </Section>
      )}
      <Section title="Estimates against actual cost" id="drift-title">
        {drift.error && !drift.data ? <LoadError error={drift.error} retry={drift.reload} /> : !drift.data ? <Loading what="Comparing estimates" /> : <DriftTable drift={drift.data} />}
      </Section>
    </>
  );
}
