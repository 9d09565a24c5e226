/**
 * Adds a price to the project's catalog: provider, model, the unit it bills in, how many units the
 * price buys, the price, from when (now when left empty; never in the past, so takes already priced
 * keep theirs) and where it comes from. Entries are never changed: a new one replaces the old from
 * its date. Audited by the server; the error shows on the field it names.
 */
import { PRICE_UNITS, PROVIDERS, type PriceCatalog, type PriceUnit, type ProviderName } from '@backlot/contracts';
import { useState } from 'react';
import { api } from '../../shared/api/client.ts';
import { keys } from '../../shared/api/keys.ts';
import { providerName } from '../../shared/lib/format.ts';
import { useAction } from '../../shared/lib/use-action.ts';
import { Banner } from '../../shared/ui/banner.tsx';
import { Button } from '../../shared/ui/button.tsx';
import { Field, Form, FormActions, FormError, Input, Select } from '../../shared/ui/form.tsx';

const UNIT_CHOICES: Record<PriceUnit, string> = { credits: 'credits', tokens: 'tokens', seconds: 'seconds of video', generations: 'generations', gpu_seconds: 'GPU seconds' };

interface Draft {
  provider: ProviderName;
  model: string;
  unit: PriceUnit;
  perQuantity: string;
  price: string;
  inForceFrom: string;
  source: string;
}

const EMPTY: Draft = { provider: 'previs', model: '', unit: 'generations', perQuantity: '1', price: '', inForceFrom: '', source: '' };

export function PriceForm({ projectId, catalog }: { projectId: string; catalog: PriceCatalog }) {
  const [draft, setDraft] = useState<Draft>({ ...EMPTY, model: catalog.lines.find((l) => l.provider === 'previs')?.model ?? '' });
  const [saved, setSaved] = useState<string>();
  const change = (p: Partial<Draft>) => (setSaved(undefined), setDraft((d) => ({ ...d, ...p })));
  const models = catalog.lines.filter((l) => l.provider === draft.provider);
  const save = useAction(
    () =>
      api.setPrice({
        params: { projectId },
        body: {
          provider: draft.provider,
          model: draft.model,
          unit: draft.unit,
          // A count that is not a whole number goes as typed, so the server names the field.
          perQuantity: /^\d+$/.test(draft.perQuantity.trim()) ? Number(draft.perQuantity.trim()) : (draft.perQuantity as unknown as number),
          price: draft.price.trim(),
          inForceFrom: draft.inForceFrom.trim() || undefined,
          source: draft.source,
        },
      }),
    { invalidates: [keys.spend.prices(projectId), keys.spend.drift(projectId)] },
  );
  return (
    <Form
      label="Add a price"
      error={save.error}
      onSubmit={async () => {
        const entry = await save.run();
        if (!entry) return;
        setSaved(`${entry.model}: ${entry.price} ${entry.currency} from ${entry.inForceFrom.slice(0, 16).replace('T', ' ')} UTC.`);
        setDraft((d) => ({ ...d, price: '', inForceFrom: '', source: '' }));
      }}
    >
      <div className="field-row">
        <Field label="Provider" name="provider">
          <Select value={draft.provider} onChange={(e) => change({ provider: e.target.value as ProviderName, model: catalog.lines.find((l) => l.provider === e.target.value)?.model ?? '' })}>
            {PROVIDERS.map((p) => (
              <option key={p} value={p}>
                {providerName(p)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Model" name="model">
          <Input mono list="price-models" value={draft.model} onChange={(e) => change({ model: e.target.value })} />
        </Field>
        <datalist id="price-models">
          {models.map((l) => (
            <option key={l.model} value={l.model}>
              {l.label}
            </option>
          ))}
        </datalist>
        <Field label="Unit" name="unit">
          <Select value={draft.unit} onChange={(e) => change({ unit: e.target.value as PriceUnit })}>
            {PRICE_UNITS.map((u) => (
              <option key={u} value={u}>
                {UNIT_CHOICES[u]}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <div className="field-row">
        <Field label={`Price (${catalog.currency})`} name="price" className="field-narrow">
          <Input mono inputMode="decimal" value={draft.price} onChange={(e) => change({ price: e.target.value })} placeholder="e.g. 0.40" />
        </Field>
        <Field label="For how many units" name="perQuantity" hint="e.g. 1000000 for a price per million tokens" className="field-narrow">
          <Input mono inputMode="numeric" value={draft.perQuantity} onChange={(e) => change({ perQuantity: e.target.value })} />
        </Field>
        <Field label="In force from" name="inForceFrom" hint="Empty: now. e.g. 2027-01-01T00:00:00Z">
          <Input mono value={draft.inForceFrom} onChange={(e) => change({ inForceFrom: e.target.value })} placeholder="now" />
        </Field>
      </div>
      <Field label="Source" name="source" hint="Where the price comes from: a price page, an invoice, a contract.">
        <Input value={draft.source} onChange={(e) => change({ source: e.target.value })} />
      </Field>
      <FormError />
      {saved && <Banner tone="ok">Price added — {saved}</Banner>}
      <FormActions>
        <Button type="submit" variant="primary" pending={save.pending}>
          Add price
        </Button>
      </FormActions>
    </Form>
  );
}
