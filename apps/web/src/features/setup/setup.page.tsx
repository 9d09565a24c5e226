/** First run: creates the instance admin, who is signed in at once and lands on the projects. */
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useAuth } from '../../shared/session/auth.tsx';
import { api } from '../../shared/api/client.ts';
import { useAction } from '../../shared/lib/use-action.ts';
import { Button } from '../../shared/ui/button.tsx';
import { Field, Form, FormActions, FormError, Input } from '../../shared/ui/form.tsx';
import { AuthLayout } from '../../shared/ui/auth-layout.tsx';

export function SetupPage() {
  const { signedIn } = useAuth();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const setup = useAction(() => api.setup({ body: { name, email, password } }));

  return (
    <AuthLayout title="Set up Backlot" intro="Create the instance admin: the account that makes other accounts, resets passwords and decides who may create projects.">
      <Form
        label="Set up Backlot"
        error={setup.error}
        onSubmit={async () => {
          const me = await setup.run();
          if (!me) return;
          signedIn(me);
          navigate('/projects', { replace: true });
        }}
      >
        <Field label="Your name" name="name">
          <Input autoComplete="name" autoFocus value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field label="Email" name="email">
          <Input type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} />
        </Field>
        <Field label="Password" name="password" hint="At least 10 characters.">
          <Input type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </Field>
        <FormError />
        <FormActions>
          <Button type="submit" variant="primary" pending={setup.pending}>
            Create admin account
          </Button>
        </FormActions>
      </Form>
    </AuthLayout>
  );
}
