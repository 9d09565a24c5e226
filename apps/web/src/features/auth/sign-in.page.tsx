/** Sign in with email and password, then go on to the page that asked for it. */
import { useState } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { safeNext, useAuth } from '../../shared/session/auth.tsx';
import { api } from '../../shared/api/client.ts';
import { useAction } from '../../shared/lib/use-action.ts';
import { Banner } from '../../shared/ui/banner.tsx';
import { Button } from '../../shared/ui/button.tsx';
import { Field, Form, FormActions, FormError, Input } from '../../shared/ui/form.tsx';
import { AuthLayout } from '../../shared/ui/auth-layout.tsx';

export function SignInPage() {
  const { signedIn } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [search] = useSearchParams();
  const [email, setEmail] = useState(search.get('email') ?? '');
  const [password, setPassword] = useState('');
  const signIn = useAction(() => api.signIn({ body: { email, password } }));
  const signedOut = (location.state as { signedOut?: boolean } | null)?.signedOut;

  return (
    <AuthLayout title="Sign in">
      {signedOut && !signIn.error && <Banner tone="ok">You are signed out.</Banner>}
      <Form
        label="Sign in"
        error={signIn.error}
        onSubmit={async () => {
          const me = await signIn.run();
          if (!me) return;
          signedIn(me);
          navigate(safeNext(search.get('next')), { replace: true });
        }}
      >
        <Field label="Email" name="email">
          <Input type="email" autoComplete="username" autoFocus value={email} onChange={(e) => setEmail(e.target.value)} />
        </Field>
        <Field label="Password" name="password">
          <Input type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </Field>
        <FormError />
        <FormActions>
          <Button type="submit" variant="primary" pending={signIn.pending}>
            Sign in
          </Button>
          <Link to="/forgot-password" className="quiet-link">
            Forgot your password?
          </Link>
        </FormActions>
      </Form>
    </AuthLayout>
  );
}
