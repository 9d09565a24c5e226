/**
 * Provider keys, for a project (its owner) or the instance (the admin): which provider has a key,
 * its last four characters, who set it, and how its last connection test went. A key is typed
 * once into a password field and never shown again; "Test connection" asks the provider something
 * that costs nothing.
 */
import type { ConnectionTest, ProviderKey, ProviderName } from '@backlot/contracts';
import { ApiError } from '@backlot/contracts/client';
import { useState } from 'react';
import { formatWhen, providerName } from '../../shared/lib/format.ts';
import { messageOf } from '../../shared/lib/errors.ts';
import { useAction } from '../../shared/lib/use-action.ts';
import { Banner } from '../../shared/ui/banner.tsx';
import { Button } from '../../shared/ui/button.tsx';
import { ConfirmDialog } from '../../shared/ui/confirm-dialog.tsx';
import { Dialog } from '../../shared/ui/dialog.tsx';
import { Field, Form, FormActions, FormError, Input } from '../../shared/ui/form.tsx';
import { Table } from '../../shared/ui/table.tsx';

const labelOf = (p: ProviderName) => providerName(p);

/** One row: a provider, the key in force (if any), and whether it is this scope's own. */
export interface KeyRow {
  provider: ProviderName;
  key: ProviderKey | null;
  /** The key is this scope's own (it can be replaced or removed here). */
  own: boolean;
  /** Shown when the key in force comes from elsewhere (the instance's, for a project). */
  note?: string;
}

export interface ProviderKeysProps {
  rows: KeyRow[];
  /** Whether the operator set BACKLOT_SECRET_KEY; without it no key can be stored. */
  sealing: boolean;
  /** "this project" or "this Backlot". */
  scopeName: string;
  set(provider: ProviderName, secret: string): Promise<unknown>;
  remove(provider: ProviderName): Promise<unknown>;
  test(provider: ProviderName): Promise<ConnectionTest>;
  changed(): void;
}

function TestResult({ test }: { test: ConnectionTest | null }) {
  if (!test) return <span className="muted">not tested</span>;
  return (
    <span className={test.ok ? 'ok-text' : 'warn-text'} title={formatWhen(test.at)}>
      {test.ok ? '✓ ' : '✕ '}
      {test.message}
    </span>
  );
}

/**
 * Providers that issue a key in two parts, each as their dashboard names it; Backlot stores them as
 * one `FIRST:SECOND` key, as their APIs take it (PROVIDERS.md: Kling signs a token with the access
 * key and secret key; Higgsfield sends `Key KEY_ID:KEY_SECRET`). Luma issues the Agents API (Ray 3.2)
 * its own key, which a crew may or may not have apart from the Dream Machine one.
 */
const TWO_PART: Partial<Record<ProviderName, { first: string; second: string; hint: string; secondOptional?: boolean; firstIsSecret?: boolean }>> = {
  kling: { first: 'Access key', second: 'Secret key', hint: 'Both as Kling’s developer console shows them (API keys).' },
  higgsfield: { first: 'Key ID', second: 'Key secret', hint: 'Both as Higgsfield’s platform shows them when the API key is made.' },
  luma: { first: 'Dream Machine key', second: 'Agents key (Ray 3.2)', hint: 'Empty: the Dream Machine key is used for Ray 3.2 too.', secondOptional: true, firstIsSecret: true },
};

function SetKeyDialog({ provider, replacing, onClose, onSaved, set }: { provider: ProviderName; replacing: boolean; onClose: () => void; onSaved: () => void; set: ProviderKeysProps['set'] }) {
  const [secret, setSecret] = useState('');
  const [second, setSecond] = useState('');
  const parts = TWO_PART[provider];
  const save = useAction(async () => {
    if (!parts) return set(provider, secret);
    // Half a key would be stored and refused at the first take: each part is asked for by name.
    const missing = [
      { field: 'secret', part: parts.first, value: secret },
      { field: 'secretPart', part: parts.second, value: second },
    ].filter((p) => !p.value.trim() && !(p.field === 'secretPart' && parts.secondOptional));
    if (missing.length) {
      const problems = missing.map((p) => ({ field: p.field, message: `is empty; ${labelOf(provider)} needs its ${p.part.toLowerCase()} too` }));
      throw new ApiError(422, 'request.invalid', problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems[0].field, undefined, problems);
    }
    return set(provider, second.trim() ? `${secret.trim()}:${second.trim()}` : secret.trim());
  });
  const sealed = 'It is sealed at once and never shown again; only its last four characters are.';
  return (
    <Dialog title={`${replacing ? 'Replace' : 'Add'} the ${labelOf(provider)} key`} onClose={onClose}>
      <Form
        label={`${labelOf(provider)} key`}
        error={save.error}
        onSubmit={async () => {
          if ((await save.run()) === undefined) return;
          onSaved();
          onClose();
        }}
      >
        {parts ? (
          <>
            <Field label={parts.first} name="secret" hint={parts.hint}>
              <Input type={parts.firstIsSecret ? 'password' : 'text'} autoComplete="off" spellCheck={false} mono value={secret} onChange={(e) => setSecret(e.target.value)} />
            </Field>
            <Field label={parts.second} name="secretPart" hint={sealed}>
              <Input type="password" autoComplete="off" spellCheck={false} mono value={second} onChange={(e) => setSecond(e.target.value)} />
            </Field>
          </>
        ) : (
          <Field label="Key" name="secret" hint={`Paste the key as the provider issued it. ${sealed}`}>
            <Input type="password" autoComplete="off" spellCheck={false} mono value={secret} onChange={(e) => setSecret(e.target.value)} />
          </Field>
        )}
        <FormError />
        <FormActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" pending={save.pending}>
            Save key
          </Button>
        </FormActions>
      </Form>
    </Dialog>
  );
}

export function ProviderKeys(props: ProviderKeysProps) {
  const [setting, setSetting] = useState<KeyRow>();
  const [removing, setRemoving] = useState<KeyRow>();
  const [testing, setTesting] = useState<ProviderName>();
  const [testError, setTestError] = useState<string>();

  const test = async (provider: ProviderName) => {
    setTesting(provider);
    setTestError(undefined);
    try {
      await props.test(provider);
      props.changed();
    } catch (err) {
      setTestError(messageOf(err));
    } finally {
      setTesting(undefined);
    }
  };

  return (
    <>
      {!props.sealing && (
        <Banner tone="warn">Keys cannot be stored yet: the operator has not set BACKLOT_SECRET_KEY, the key that seals them. Run `backlot keys new-secret`, set it, and restart Backlot.</Banner>
      )}
      {testError && <Banner tone="error">{testError}</Banner>}
      <Table label="Provider keys" head={['Provider', 'Key', 'Set by', 'Last test', '']}>
        {props.rows.map((row) => (
          <tr key={row.provider}>
            <td>{labelOf(row.provider)}</td>
            <td>
              {row.key ? <span className="mono">{row.key.hint}</span> : <span className="muted">no key</span>}
              {row.note && <span className="muted"> {row.note}</span>}
            </td>
            <td>{row.key ? `${row.key.setBy}, ${formatWhen(row.key.setAt)}` : ''}</td>
            <td>{row.key ? <TestResult test={row.key.lastTest} /> : ''}</td>
            <td className="cell-actions">
              {row.key && (
                <Button small variant="ghost" pending={testing === row.provider} onClick={() => test(row.provider)}>
                  Test connection
                </Button>
              )}
              <Button small variant="ghost" disabled={!props.sealing} aria-label={`${row.own ? 'Replace' : 'Add'} the ${labelOf(row.provider)} key`} onClick={() => setSetting(row)}>
                {row.own ? 'Replace' : 'Add key'}
              </Button>
              {row.own && (
                <Button small variant="ghost" aria-label={`Remove the ${labelOf(row.provider)} key`} onClick={() => setRemoving(row)}>
                  Remove
                </Button>
              )}
            </td>
          </tr>
        ))}
      </Table>
      {setting && <SetKeyDialog provider={setting.provider} replacing={setting.own} set={props.set} onClose={() => setSetting(undefined)} onSaved={props.changed} />}
      {removing && (
        <ConfirmDialog
          title={`Remove the ${labelOf(removing.provider)} key ${removing.key?.hint ?? ''}?`}
          confirmLabel="Remove key"
          danger
          onClose={() => setRemoving(undefined)}
          onConfirm={async () => {
            await props.remove(removing.provider);
            props.changed();
          }}
        >
          Takes of {props.scopeName} waiting to be sent to {labelOf(removing.provider)} will fail without a key.
        </ConfirmDialog>
      )}
    </>
  );
}
