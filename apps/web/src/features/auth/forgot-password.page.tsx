/** Asks for a password reset link by mail; says plainly what happens when this Backlot cannot send mail. */
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../shared/api/client.ts';
import { useAction } from '../../shared/lib/use-action.ts';
import { Banner } from '../../shared/ui/banner.tsx';
import { Button } from '../../shared/ui/button.tsx';
import { Field, Form, FormActions, FormError, Input } from '../../shared/ui/form.tsx';
import { AuthLayout } from '../../shared/ui/auth-layout.tsx';

export function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string>();
  const request = useAction(() => api.forgotPassword({ body: { email } }));

  if (sentTo) {
    return (
      <AuthLayout title="Check your mail">
        <Banner tone="ok">If {sentTo} has a Backlot account and this server can send mail, a reset link is on its way. It works once.</Banner>
        <p className="muted">No mail after a few minutes? Your Backlot admin can issue a reset link for you to copy.</p>
        <Link to="/sign-in">Back to sign in</Link>
      </AuthLayout>
    );
  }
  return (
    <AuthLayout title="Reset your password" intro="Enter your account's email; Backlot mails a link to choose a new password.">
      <Form
        label="Reset your password"
        error={request.error}
        onSubmit={async () => {
          if (await request.run()) setSentTo(email.trim());
        }}
      >
        <Field label="Email" name="email">
          <Input type="email" autoComplete="username" autoFocus value={email} onChange={(e) => setEmail(e.target.value)} />
        </Field>
        <FormError />
        <FormActions>
          <Button type="submit" variant="primary" pending={request.pending}>
            Send reset link
          </Button>
          <Link to="/sign-in" className="quiet-link">
            Back to sign in
          </Link>
        </FormActions>
      </Form>
    </AuthLayout>
  );
}
