/** What a screenplay import did, in a first AD's words: which scenes were added, changed, left alone or omitted, and who is new. */
import type { ImportReport as Report } from '@backlot/contracts';
import type { ReactNode } from 'react';

const FIELD_WORDS: Record<string, string> = {
  number: 'number',
  heading: 'heading',
  beat: 'beat',
  excerpt: 'script text',
  characters: 'characters',
  position: 'place in the script',
  omitted: 'back in the script',
};

/** What changed in a scene, as a reader of the script says it. */
const PART_WORDS: Record<string, string> = {
  number: 'number',
  heading: 'heading',
  action: 'action',
  dialogue: 'dialogue',
  text: 'layout',
  restored: 'back in the script',
};

type Line = { number: string; heading: string; fields?: string[]; parts?: string[] };

function SceneLines({ scenes, extra }: { scenes: Line[]; extra?: (s: Line) => ReactNode }) {
  return (
    <ul className="report-scenes">
      {scenes.map((s) => (
        <li key={`${s.number}-${s.heading}`}>
          <span className="mono report-number">{s.number}</span> <span className="mono">{s.heading}</span>
          {extra?.(s)}
        </li>
      ))}
    </ul>
  );
}

function Part({ title, count, children, tone }: { title: string; count: number; children?: ReactNode; tone?: 'warn' }) {
  return (
    <section className={`report-part${tone ? ` report-part-${tone}` : ''}`} aria-label={title}>
      <h3 className="report-title">
        {title} <span className="report-count">{count}</span>
      </h3>
      {count > 0 && children}
    </section>
  );
}

/** The report of an import, or with `preview` of one not yet applied (worded as what will happen). */
export function ImportReport({ report, preview = false }: { report: Report; preview?: boolean }) {
  const total = report.added.length + report.changed.length + report.unchanged.length;
  const nothing = report.added.length === 0 && report.changed.length === 0 && report.omitted.length === 0;
  return (
    <div className="import-report">
      <p>
        {report.title ? <strong>{report.title}</strong> : 'The screenplay'}: {total} {total === 1 ? 'scene' : 'scenes'} read.{' '}
        {nothing ? (preview ? 'Nothing on the board will change.' : 'Nothing on the board needed to change.') : ''}
        {report.revision && (
          <>
            {' '}
            {preview ? 'It will be' : 'This is'} revision {report.revision.number},{' '}
            <span className={`revision-chip revision-${report.revision.colour.replace(/\s+/g, '-')}`}>{report.revision.colour}</span>.
          </>
        )}
      </p>
      <Part title="New scenes" count={report.added.length}>
        <SceneLines scenes={report.added} />
      </Part>
      <Part title="Changed scenes" count={report.changed.length}>
        <SceneLines
          scenes={report.changed}
          extra={(s) => (
            <span className="report-fields"> — changed: {s.parts?.length ? s.parts.map((p) => PART_WORDS[p] ?? p).join(', ') : (s.fields ?? []).map((f) => FIELD_WORDS[f] ?? f).join(', ')}</span>
          )}
        />
      </Part>
      <Part title="Left alone (unchanged)" count={report.unchanged.length}>
        <details>
          <summary className="muted">Show {report.unchanged.length === 1 ? 'the scene' : `the ${report.unchanged.length} scenes`}</summary>
          <SceneLines scenes={report.unchanged} />
        </details>
      </Part>
      <Part title={preview ? 'To be omitted (no longer in this draft)' : 'Omitted (no longer in this draft)'} count={report.omitted.length} tone="warn">
        <SceneLines scenes={report.omitted} />
        <p className="field-hint">Omitted scenes stay on the board, struck through, with their shots; restore one if the cut was a mistake.</p>
      </Part>
      <Part title="New characters" count={report.characters.added.length}>
        <p className="report-names">{report.characters.added.join(' · ')}</p>
      </Part>
      {report.characters.existing.length > 0 && <p className="field-hint">Already known: {report.characters.existing.join(' · ')}</p>}
    </div>
  );
}
