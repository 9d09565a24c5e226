/** Creates an account with a first password the admin passes on; the person can change it later. */
import type { Account } from '@backlot/contracts';
import { useState } from 'react';
import { api } from '../../shared/api/client.ts';
import { useAction } from '../../shared/lib/use-action.ts';
import { Button } from '../../shared/ui/button.tsx';
import { Dialog } from '../../shared/ui/dialog.tsx';
import { Field, Form, FormActions, FormError, Input } from '../../shared/ui/form.tsx';

export function CreateAccountDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (a: Account) => void }) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [isAdmin, setIsAdmin] = useState(false);
  const create = useAction(() => api.createAccount({ body: { name, email, password, isAdmin } }));
  return (
    <Dialog title="Create an account" onClose={onClose}>
      <Form
        label="Create an account"
        error={create.error}
        onSubmit={async () => {
          const account = await create.run();
          if (!account) return;
          onCreated(account);
          onClose();
        }}
      >
        <Field label="Name" name="name">
          <Input value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field label="Email" name="email">
          <Input type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
        </Field>
        <Field label="First password" name="password" hint="At least 10 characters. Pass it on safely, or issue a reset link instead.">
          <Input type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </Field>
        <label className="toggle">
          <input type="checkbox" checked={isAdmin} onChange={(e) => setIsAdmin(e.target.checked)} />
          Instance admin
        </label>
        <FormError />
        <FormActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" pending={create.pending}>
            Create account
          </Button>
        </FormActions>
      </Form>
    </Dialog>
  );
}
