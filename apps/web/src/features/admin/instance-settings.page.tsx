/** Instance settings: who may create projects; whether this Backlot can send mail. */
import { useState } from 'react';
import { api } from '../../shared/api/client.ts';
import { useAuth } from '../../shared/session/auth.tsx';
import { messageOf } from '../../shared/lib/errors.ts';
import { useAction } from '../../shared/lib/use-action.ts';
import { useLoad } from '../../shared/lib/use-load.ts';
import { keys } from '../../shared/api/keys.ts';
import { Banner } from '../../shared/ui/banner.tsx';
import { LoadError, Loading, Section } from '../../shared/ui/page.tsx';

type Creation = 'any' | 'admins';

export function InstanceSettingsPage() {
  const { refresh } = useAuth();
  const settings = useLoad(keys.admin.settings, () => api.instanceSettings());
  const [saved, setSaved] = useState(false);
  // The choice shows at once; it goes back if the server refuses it.
  const [choice, setChoice] = useState<Creation>();
  const save = useAction((projectCreation: Creation) => api.updateInstanceSettings({ body: { projectCreation } }));

  if (settings.error) return <LoadError error={settings.error} retry={settings.reload} />;
  if (!settings.data) return <Loading what="Loading settings" />;
  const choose = async (value: Creation) => {
    setSaved(false);
    setChoice(value);
    const next = await save.run(value);
    setChoice(undefined);
    if (!next) return;
    settings.setData(next);
    setSaved(true);
    await refresh();
  };

  return (
    <>
      <Section title="Who may create projects">
        <fieldset className="choices" disabled={save.pending}>
          <legend className="visually-hidden">Who may create projects</legend>
          {(
            [
              ['any', 'Any account', 'Everyone with an account can start a project and becomes its owner.'],
              ['admins', 'Instance admins only', 'Others join projects only by invitation.'],
            ] as const
          ).map(([value, label, help]) => (
            <label key={value} className="choice">
              <input type="radio" name="projectCreation" value={value} checked={(choice ?? settings.data!.projectCreation) === value} onChange={() => void choose(value)} />
              <span>
                <strong>{label}</strong>
                <span className="muted"> — {help}</span>
              </span>
            </label>
          ))}
        </fieldset>
        {save.error ? <Banner tone="error">{messageOf(save.error)}</Banner> : null}
        {saved && <Banner tone="ok">Saved.</Banner>}
      </Section>
      <Section title="Mail">
        {settings.data.mailConfigured ? (
          <p>This Backlot sends mail: invitations and password reset links go out by email, and are also shown to copy.</p>
        ) : (
          <p className="muted">
            This Backlot does not send mail. Invitation and reset links are shown to copy and send yourself; “forgot password” cannot mail anyone. Set the SMTP settings of the server to change that.
          </p>
        )}
      </Section>
    </>
  );
}
