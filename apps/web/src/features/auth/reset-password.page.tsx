/** Sets a new password from a reset link (`/reset-password#token=…`); every session of the account ends. */
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useAuth } from '../../shared/session/auth.tsx';
import { api } from '../../shared/api/client.ts';
import { tokenFromFragment } from '../../shared/lib/fragment.ts';
import { useAction } from '../../shared/lib/use-action.ts';
import { Banner } from '../../shared/ui/banner.tsx';
import { Button } from '../../shared/ui/button.tsx';
import { Field, Form, FormActions, FormError, Input } from '../../shared/ui/form.tsx';
import { AuthLayout } from '../../shared/ui/auth-layout.tsx';

export function ResetPasswordPage() {
  const { refresh } = useAuth();
  const [token] = useState(() => tokenFromFragment());
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const [done, setDone] = useState(false);
  const reset = useAction(() => api.resetPassword({ body: { token: token ?? '', newPassword: password } }));

  if (!token) {
    return (
      <AuthLayout title="Reset your password">
        <Banner tone="error">This link is incomplete: open the whole link from the mail or from your admin.</Banner>
        <Link to="/forgot-password">Ask for a new link</Link>
      </AuthLayout>
    );
  }
  if (done) {
    return (
      <AuthLayout title="Password changed">
        <Banner tone="ok">Your new password is set. Every session of your account has ended; sign in again.</Banner>
        <Link to="/sign-in">Sign in</Link>
      </AuthLayout>
    );
  }
  return (
    <AuthLayout title="Choose a new password" intro="At least 10 characters. Signing in elsewhere ends once it is set.">
      <Form
        label="Choose a new password"
        error={reset.error}
        onSubmit={async () => {
          setMismatch(password !== repeat);
          if (password !== repeat) return;
          if (!(await reset.run())) return;
          setDone(true);
          await refresh();
        }}
      >
        <Field label="New password" name="newPassword">
          <Input type="password" autoComplete="new-password" autoFocus value={password} onChange={(e) => setPassword(e.target.value)} />
        </Field>
        <Field label="Repeat the new password" name="repeat">
          <Input type="password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} />
        </Field>
        {mismatch && <Banner tone="error">The two passwords differ; type the same one twice.</Banner>}
        <FormError />
        <FormActions>
          <Button type="submit" variant="primary" pending={reset.pending}>
            Set new password
          </Button>
        </FormActions>
      </Form>
    </AuthLayout>
  );
}
