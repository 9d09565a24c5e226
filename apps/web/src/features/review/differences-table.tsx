/** What differs between the compared takes (plan versions, requests, models, seeds, references), one row a field, one column a take. */
import type { Take, TakeComparison } from '@backlot/contracts';
import { Table } from '../../shared/ui/table.tsx';

export function DifferencesTable({ comparison, takes }: { comparison: TakeComparison; takes: Take[] }) {
  const code = (id: string) => {
    const t = takes.find((x) => x.id === id);
    return t ? `${t.shotCode} ${t.code}` : id;
  };
  if (comparison.differences.length === 0) return <p className="muted">These takes were made the same way: same plan version, model, settings, seed and references.</p>;
  return (
    <Table label="Differences" head={['', ...comparison.takeIds.map(code)]}>
      {comparison.differences.map((d) => (
        <tr key={d.field}>
          <th scope="row" className="nowrap">
            {d.label}
          </th>
          {d.values.map((v, i) => (
            <td key={i} className="diff-value mono" title={v}>
              {v || '—'}
            </td>
          ))}
        </tr>
      ))}
    </Table>
  );
}
