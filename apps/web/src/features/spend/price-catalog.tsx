/**
 * The project's price catalog: per provider and model, the price in force now (unit, price, from
 * when, source, and whether it is the project's entry, the instance's standing price or the
 * provider's list price), with the project's earlier and coming entries under it.
 */
import type { PriceCatalog } from '@backlot/contracts';
import { Fragment } from 'react';
import { formatWhen, providerName } from '../../shared/lib/format.ts';
import { ORIGIN_WORDS } from './price-words.ts';

export function PriceCatalogTable({ catalog }: { catalog: PriceCatalog }) {
  return (
    <div className="table-wrap">
      <table className="table" aria-label="Price catalog">
        <thead>
          <tr>
            <th scope="col">Provider</th>
            <th scope="col">Model</th>
            <th scope="col">Unit</th>
            <th scope="col" className="num">
              Price ({catalog.currency})
            </th>
            <th scope="col" className="num">
              Per
            </th>
            <th scope="col">In force from</th>
            <th scope="col">Source</th>
            <th scope="col">From</th>
          </tr>
        </thead>
        <tbody>
          {catalog.lines.map((l) => {
            const p = l.inForce;
            const now = p?.entryId ?? null;
            return (
              <Fragment key={`${l.provider}/${l.model}`}>
                <tr aria-label={`${l.provider}/${l.model}`}>
                  <td>{providerName(l.provider)}</td>
                  <td className="mono" title={l.label}>
                    {l.model}
                  </td>
                  <td>{p?.unit ?? l.listPrice?.unit ?? '—'}</td>
                  <td className="num mono" data-col="price">
                    {p ? p.price : <span className="faint">no price</span>}
                  </td>
                  <td className="num mono">{p?.perQuantity.toLocaleString('en') ?? ''}</td>
                  <td className="nowrap">{p?.inForceFrom ? formatWhen(p.inForceFrom) : '—'}</td>
                  <td>{p?.source ?? (l.listPrice ? '' : 'Requests are refused until a price is set')}</td>
                  <td className="muted">{p ? ORIGIN_WORDS[p.origin] : ''}</td>
                </tr>
                {l.entries
                  .filter((e) => e.id !== now)
                  .map((e) => (
                    <tr key={e.id} className="price-entry-row" aria-label={`${l.provider}/${l.model} entry from ${e.inForceFrom}`}>
                      <td />
                      <td className="faint small">{Date.parse(e.inForceFrom) > Date.now() ? 'coming' : 'earlier'}</td>
                      <td className="muted">{e.unit}</td>
                      <td className="num mono muted">{e.price}</td>
                      <td className="num mono muted">{e.perQuantity.toLocaleString('en')}</td>
                      <td className="nowrap muted">{formatWhen(e.inForceFrom)}</td>
                      <td className="muted">{e.source}</td>
                      <td className="muted small">set by {e.setBy}</td>
                    </tr>
                  ))}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
