/** Creates an API token and shows its secret once, with a copy button. */
import { useState } from 'react';
import { api } from '../../shared/api/client.ts';
import { keys } from '../../shared/api/keys.ts';
import { useAction } from '../../shared/lib/use-action.ts';
import { Banner } from '../../shared/ui/banner.tsx';
import { Button } from '../../shared/ui/button.tsx';
import { Dialog } from '../../shared/ui/dialog.tsx';
import { Field, Form, FormActions, FormError, Input, Select } from '../../shared/ui/form.tsx';
import { OneTimeSecret } from '../../shared/ui/one-time-secret.tsx';

export function CreateTokenDialog({ onClose, onCreated }: { onClose: () => void; onCreated?: () => void }) {
  const [name, setName] = useState('');
  const [days, setDays] = useState('90');
  const [secret, setSecret] = useState<string>();
  const create = useAction(() => api.createToken({ body: { name, ...(days ? { expiresInDays: Number(days) } : {}) } }), { invalidates: [keys.account.tokens] });

  if (secret) {
    return (
      <Dialog
        title={`Token “${name}”`}
        onClose={onClose}
        wide
        footer={
          <Button variant="primary" onClick={onClose}>
            Done
          </Button>
        }
      >
        <OneTimeSecret label="Token secret" value={secret} copyLabel="Copy token" />
        <Banner tone="warn">Copy it now: Backlot shows it only once. If it is lost, revoke it and create another.</Banner>
      </Dialog>
    );
  }
  return (
    <Dialog title="Create an API token" onClose={onClose}>
      <Form
        label="Create an API token"
        error={create.error}
        onSubmit={async () => {
          const made = await create.run();
          if (!made) return;
          setSecret(made.secret);
          onCreated?.();
        }}
      >
        <Field label="Name" name="name" hint="Where it will be used, e.g. “edit bay laptop”.">
          <Input value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field label="Expires" name="expiresInDays">
          <Select value={days} onChange={(e) => setDays(e.target.value)}>
            <option value="30">in 30 days</option>
            <option value="90">in 90 days</option>
            <option value="365">in a year</option>
            <option value="">never</option>
          </Select>
        </Field>
        <FormError />
        <FormActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" pending={create.pending}>
            Create token
          </Button>
        </FormActions>
      </Form>
    </Dialog>
  );
}
