/** Your account: who you are, your password, where you are signed in, and your API tokens. */
import { useState } from 'react';
import { useMe } from '../../shared/session/auth.tsx';
import { useDocumentTitle } from '../../shared/lib/use-document-title.ts';
import { PageHeader, Section } from '../../shared/ui/page.tsx';
import { Tag } from '../../shared/ui/tag.tsx';
import { TokensSection } from './tokens.section.tsx';
import { NameForm } from './name.form.tsx';
import { PasswordForm } from './password.form.tsx';
import { SessionsSection } from './sessions.section.tsx';

export function AccountPage() {
  const me = useMe();
  // Revoking tokens with a password change empties the token list: load it afresh.
  const [tokensShown, setTokensShown] = useState(0);
  useDocumentTitle('Your account');
  return (
    <div className="page page-narrow">
      <PageHeader
        title="Your account"
        sub={
          <>
            {me.account.name} · {me.account.email} {me.account.isAdmin && <Tag>instance admin</Tag>}
          </>
        }
      />
      <Section title="Name">
        <NameForm />
      </Section>
      <Section title="Password">
        <PasswordForm onChanged={(revoked) => revoked && setTokensShown((n) => n + 1)} />
      </Section>
      <SessionsSection />
      <TokensSection key={tokensShown} />
    </div>
  );
}
