/** Your account: who you are, your password, where you are signed in, and your API tokens. */
import { useMe } from '../../app/auth.tsx';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { PageHeader, Section } from '../../ui/page.tsx';
import { Tag } from '../../ui/tag.tsx';
import { TokensSection } from '../tokens/tokens.section.tsx';
import { NameForm } from './name.form.tsx';
import { PasswordForm } from './password.form.tsx';
import { SessionsSection } from './sessions.section.tsx';

export function AccountPage() {
  const me = useMe();
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
        <PasswordForm />
      </Section>
      <SessionsSection />
      <TokensSection />
    </div>
  );
}
