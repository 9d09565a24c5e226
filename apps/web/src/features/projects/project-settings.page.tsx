/** A project's settings: editable for producers and owners, read-only for the rest; closing and reopening for owners. */
import { useState, type ReactNode } from 'react';
import { api } from '../../shared/api/client.ts';
import { formatWhen, rateLabel, resolutionLabel, timecodeLabel } from '../../shared/lib/format.ts';
import { Button } from '../../shared/ui/button.tsx';
import { ConfirmDialog } from '../../shared/ui/confirm-dialog.tsx';
import { PageHeader, Section } from '../../shared/ui/page.tsx';
import { useProject } from '../../shared/project/project-context.ts';
import { ProjectSettingsForm } from './project-settings-form.tsx';
import { GenerationSettingsFacts, GenerationSettingsForm } from './project-settings-generation.tsx';
import { ReviewSettingsFacts, ReviewSettingsForm } from './project-settings-review.tsx';
import { SettingsTabs } from '../../shared/project/settings-tabs.tsx';

function ReadOnlySettings() {
  const { project } = useProject();
  const rows: [string, ReactNode][] = [
    ['Name', project.name],
    ['Code', <span className="mono">{project.code}</span>],
    [
      'Frame rate',
      <span className="mono" title={project.frameRate}>
        {rateLabel(project.frameRate)} ({project.frameRate})
      </span>,
    ],
    ['Timecode', timecodeLabel(project.timecodeMode)],
    [
      'Resolution',
      <span className="mono">
        {resolutionLabel(project.resolution)} ({project.aspect})
      </span>,
    ],
    ['Currency', <span className="mono">{project.currency}</span>],
  ];
  if (project.budget !== undefined)
    rows.push([
      'Budget',
      <span className="mono">
        {project.budget} {project.currency}
      </span>,
    ]);
  rows.push(['Your role', project.myRole], ['Created', formatWhen(project.createdAt)]);
  return (
    <dl className="facts">
      {rows.map(([k, v]) => (
        <div key={k} className="fact">
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

function CloseOrReopen() {
  const { project, update } = useProject();
  const [asking, setAsking] = useState(false);
  const params = { params: { projectId: project.id } };
  return (
    <Section title={project.closed ? 'Reopen the project' : 'Close the project'}>
      <p className="muted">
        {project.closed
          ? 'Reopening makes the project editable again and returns it to every member’s project list.'
          : 'Closing makes the project read-only for every member and hides it from the project list. Nothing is deleted; an owner can reopen it.'}
      </p>
      <Button variant={project.closed ? 'plain' : 'danger'} onClick={() => setAsking(true)}>
        {project.closed ? 'Reopen project' : 'Close project'}
      </Button>
      {asking && (
        <ConfirmDialog
          title={project.closed ? `Reopen ${project.code}?` : `Close ${project.code}?`}
          confirmLabel={project.closed ? 'Reopen project' : 'Close project'}
          danger={!project.closed}
          onClose={() => setAsking(false)}
          onConfirm={async () => update(await (project.closed ? api.reopenProject(params) : api.closeProject(params)))}
        >
          {project.closed
            ? `${project.name} returns to every member’s project list and can be changed again.`
            : `${project.name} becomes read-only for all its members and leaves the project list. Nothing is deleted, and you can reopen it later.`}
        </ConfirmDialog>
      )}
    </Section>
  );
}

/** The archive bundle, for owners: the whole project as one zip, streamed as it is written; the browser's download shows its progress. */
function ArchiveBundle() {
  const { project } = useProject();
  const [started, setStarted] = useState(false);
  return (
    <Section title="Archive">
      <p className="muted">
        One zip with the project’s whole record: plans, revisions, references, takes with their requests, costs, decisions, notes and drawings, dailies, handoffs, spend and the audit chain, every file
        under its SHA-256, and a manifest that hashes everything. No provider keys, passwords or tokens; members come back as invitations when it is restored. Check it with{' '}
        <span className="mono">backlot archive verify</span>; an instance admin restores it with <span className="mono">backlot archive import</span>.
      </p>
      <a className="btn" href={`/api/v1/projects/${encodeURIComponent(project.id)}/archive.zip`} download onClick={() => setStarted(true)}>
        Download archive bundle
      </a>
      {started && (
        <p className="muted" role="status">
          The bundle is being written as it downloads: your browser’s downloads show how far it is. The export is in the audit log.
        </p>
      )}
    </Section>
  );
}

export function ProjectSettingsPage() {
  const { mayChange, can, project } = useProject();
  return (
    <div className="page">
      <PageHeader title="Settings" />
      <SettingsTabs />
      <Section title="Details">{mayChange('project.edit_settings') ? <ProjectSettingsForm /> : <ReadOnlySettings />}</Section>
      {project.generation && <Section title="Generation">{mayChange('project.edit_settings') ? <GenerationSettingsForm /> : <GenerationSettingsFacts />}</Section>}
      {project.review && <Section title="Review">{mayChange('project.edit_settings') ? <ReviewSettingsForm /> : <ReviewSettingsFacts />}</Section>}
      {can('archive.export') && <ArchiveBundle />}
      {can('project.close') && <CloseOrReopen />}
    </div>
  );
}
