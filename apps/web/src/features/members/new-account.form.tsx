/** Creates the invited account (name and password) and accepts the invitation in one step. */
import { useState } from 'react';
import { api } from '../../shared/api/client.ts';
import { useAction } from '../../shared/lib/use-action.ts';
import { Button } from '../../shared/ui/button.tsx';
import { Field, Form, FormActions, FormError, Input } from '../../shared/ui/form.tsx';

interface Props {
  token: string;
  email: string;
  onJoined: (projectId: string) => Promise<void>;
}

export function NewAccountForm({ token, email, onJoined }: Props) {
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const accept = useAction(() => api.acceptInvitation({ body: { token, name, password } }));
  return (
    <Form
      label="Create your account"
      error={accept.error}
      onSubmit={async () => {
        const result = await accept.run();
        if (result) await onJoined(result.projectId);
      }}
    >
      <Field label="Email" name="email">
        <Input type="email" value={email} readOnly autoComplete="username" />
      </Field>
      <Field label="Your name" name="name">
        <Input autoComplete="name" autoFocus value={name} onChange={(e) => setName(e.target.value)} />
      </Field>
      <Field label="Password" name="password" hint="At least 10 characters.">
        <Input type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
      </Field>
      <FormError />
      <FormActions>
        <Button type="submit" variant="primary" pending={accept.pending}>
          Create account and join
        </Button>
      </FormActions>
    </Form>
  );
}
