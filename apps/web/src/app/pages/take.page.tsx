/**
 * A take's page: the player first and largest; beside it what the take is made of (status and
 * error in plain words, plan version, model, provider, seed, timings, cost, lineage, references
 * used); below it the continuity checks with the compared frames, the prompt, what the model could
 * not honour and the exact request. p hides the side panel, ↑/↓ go to the shot's previous or next
 * take; in the player I/O set the in and out marks and R/M/S/A the review decision, which the
 * decision buttons above the picture make by mouse (Revoke on an approved take, a reason asked where
 * the project wants one), the decisions so far listed beside it; "Compare with…" opens a comparison
 * with another take of the shot. The take's notes
 * head the side panel, beside the picture (a note drawn below it would scroll the picture away),
 * their drawings over the picture at their frame. Live while the take is generating.
 */
import type { Take } from '@backlot/contracts';
import { ApiError } from '@backlot/contracts/client';
import { useRef, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { api } from '../../shared/api/client.ts';
import { useShortcuts } from '../../shared/shortcuts/shortcuts.tsx';
import { isNotFound, messageOf } from '../../shared/lib/errors.ts';
import { useDocumentTitle } from '../../shared/lib/use-document-title.ts';
import { useLoad } from '../../shared/lib/use-load.ts';
import { keys } from '../../shared/api/keys.ts';
import { Banner } from '../../shared/ui/banner.tsx';
import { Button, LinkButton } from '../../shared/ui/button.tsx';
import { EmptyState } from '../../shared/ui/empty-state.tsx';
import { LoadError, Loading, Section } from '../../shared/ui/page.tsx';
import { timecodeOf } from '../../shared/ui/player/frame-clock.ts';
import type { PlayerNote } from '../../shared/ui/player/player.tsx';
import { TakeRiskFlag } from '../../shared/production/take-risk-flag.tsx';
import { RenderFinal } from '../../features/takes/render-final.tsx';
import { CompareWith } from '../../features/review/compare-with.tsx';
import { DecisionBar, useDecisions } from '../../features/review/decision-bar.tsx';
import { DecisionHistory } from '../../features/review/decision-history.tsx';
import { useBoard } from '../../features/review/drawing-board.ts';
import { DrawingOverlay, NotesPanel } from '../../features/review/index.ts';
import { NeedsPermission } from '../../shared/project/needs-permission.tsx';
import { useProject } from '../../shared/project/project-context.ts';
import { useCrumbs } from '../../shared/project/project-crumbs.ts';
import { CancelTakeDialog } from '../../features/takes/cancel-take.dialog.tsx';
import { ContinuityTable } from '../../features/takes/continuity-table.tsx';
import { AdaptationList, RequestView } from '../../features/takes/request-view.tsx';
import { SaveFrameDialog } from '../../features/takes/save-frame.dialog.tsx';
import { TakeCost, TakeFacts, TakeReferences, TakeTimings } from '../../features/takes/take-facts.tsx';
import { TakePlayer, type PlayerHandle } from '../../features/takes/take-player.tsx';
import { GenerationStatus, ReviewBadge } from '../../shared/production/take-status.tsx';
import { isTerminal, STATUS_HINTS } from '../../shared/production/take-words.ts';

export function TakePage() {
  const { takeId = '' } = useParams();
  return (
    <div className="page page-wide">
      <NeedsPermission action="take.read" what="see takes">
        {/* A new take starts its view afresh: no banner, dialog or playhead carried over. */}
        <TakeView key={takeId} />
      </NeedsPermission>
    </div>
  );
}

function TakeView() {
  const { project, mayChange, can } = useProject();
  // A viewer reads the take's picture, code and state alone (DESIGN.md §8): no shot, plan or references to ask for.
  const mayReadPlan = can('project.read');
  const { takeId = '' } = useParams();
  const projectId = project.id;
  const navigate = useNavigate();
  const loaded = useLoad(keys.takes.take(projectId, takeId), () => api.getTake({ params: { projectId, takeId } }));
  const [panels, setPanels] = useState(true);
  const [saving, setSaving] = useState<number>();
  const [canceling, setCanceling] = useState(false);
  const [news, setNews] = useState<{ text: string; assetId: string }>();
  const [trouble, setTrouble] = useState<string>();
  const player = useRef<PlayerHandle>(null);
  // The frame rides in the address (?frame=), so a shared link opens on the same picture.
  const [search, setSearch] = useSearchParams();
  const startFrame = Number(search.get('frame')) || 0;
  const keepFrame = (frame: number) => setSearch(frame ? { frame: String(frame) } : {}, { replace: true });
  // The painted frame, for the notes and the drawings over the picture; the proxy's pixel size, which
  // gives the picture its shape on screen (drawings are kept in the take's own frame size).
  const [currentFrame, setCurrentFrame] = useState(startFrame);
  const [videoSize, setVideoSize] = useState<{ width: number; height: number }>();
  const take = loaded.data;
  const shotId = take?.shotId;
  const shot = useLoad(keys.plan.shot(projectId, shotId ?? ''), () => api.getShot({ params: { projectId, shotId: shotId! } }), { enabled: !!shotId && mayReadPlan });
  const sceneNumber = shot.data?.sceneNumber;
  // Notes pinned to frames become markers on the timeline: the notes panel keeps them fresh on the
  // take's drawing board, so a note just added is marked at once.
  const board = useBoard(takeId);
  const siblings = useLoad(keys.takes.shot(projectId, shotId ?? ''), () => api.listTakes({ params: { projectId, shotId: shotId! } }), { enabled: !!shotId });

  useDocumentTitle(take ? `${take.shotCode} ${take.code}` : 'Take', project.code);
  useCrumbs(
    take
      ? [
          ...(sceneNumber && shotId ? [{ label: `Scene ${sceneNumber}`, to: `/projects/${projectId}/shots?scene=${shot.data!.sceneId}` }] : []),
          { label: take.shotCode, mono: true, to: `/projects/${projectId}/shots/${take.shotId}/takes` },
          { label: take.code, mono: true },
        ]
      : [],
  );
  const mayGenerate = mayChange('take.generate');
  const regenerate = (t: Take) => navigate(`/projects/${projectId}/shots/${t.shotId}/takes?regenerate=${t.id}`);
  const saveFrame = () => {
    player.current?.pause();
    setSaving(player.current?.frame() ?? 0);
  };
  /** The take numbered just before (-1) or after (+1) this one in its shot. */
  const step = (by: -1 | 1) => {
    const list = [...(siblings.data?.takes ?? [])].sort((a, b) => a.number - b.number);
    const next = list[list.findIndex((t) => t.id === takeId) + by];
    if (next) navigate(`/projects/${projectId}/takes/${next.id}`);
  };
  // With a picture, the player owns ↑/↓ (as onStep) beside its other keys.
  /** C: this take beside the one before it in the shot (or after it, for the first). */
  const compareNeighbour = () => {
    const list = [...(siblings.data?.takes ?? [])].filter((t) => t.media).sort((a, b) => a.number - b.number);
    const at = list.findIndex((t) => t.id === takeId);
    const other = at < 0 ? undefined : (list[at - 1] ?? list[at + 1]);
    if (other) navigate(`/projects/${projectId}/compare?ids=${takeId},${other.id}`);
  };
  useShortcuts([
    { keys: ['p'], label: 'p', help: 'Show or hide the side panel', run: () => setPanels((v) => !v) },
    { keys: ['c', 'C'], label: 'C', help: 'Compare with the take before it (or after it)', run: compareNeighbour },
    ...(take?.media
      ? []
      : [
          { keys: ['ArrowUp'], label: '↑', help: 'Previous take of the shot', run: () => step(-1) },
          { keys: ['ArrowDown'], label: '↓', help: 'Next take of the shot', run: () => step(1) },
        ]),
  ]);
  const mayDecide = mayChange('review.decide');
  /** I or O on a frame: sets that mark there, or clears it when it is already there; an in after the out (or an out before the in) clears the other. */
  const setMark = async (which: 'in' | 'out', frame: number) => {
    if (!take) return;
    const next = { ...take.marks };
    if (next[which] === frame) next[which] = null;
    else {
      next[which] = frame;
      if (which === 'in' && next.out !== null && next.out < frame) next.out = null;
      if (which === 'out' && next.in !== null && next.in > frame) next.in = null;
    }
    try {
      loaded.setData(await api.setMarks({ params: { projectId, takeId }, body: next }));
      setTrouble(undefined);
    } catch (e) {
      setTrouble(reviewTrouble(e, 'the in and out marks'));
    }
  };
  // R/M/S/A in the player and the decision buttons make the same decisions, asking a reason where the project wants one.
  const reasonRequiredFor = project.review.reasonRequiredFor;
  const decisions = useDecisions({ projectId, take, reasonRequiredFor, mayOverride: mayChange('review.override'), onDecided: loaded.setData });
  const noteMarkers: PlayerNote[] = board.notes
    .filter((n) => n.frame !== null && n.parentId === null)
    .map((n) => ({ id: n.id, frame: n.frame!, frameEnd: n.frameEnd, label: n.body.split('\n')[0] }));

  if (loaded.error && !take) {
    if (isNotFound(loaded.error)) {
      return (
        <EmptyState title="No such take" action={<LinkButton to={`/projects/${projectId}/shots`}>Back to the shot list</LinkButton>}>
          This take does not exist in {project.code}, or your role does not show it.
        </EmptyState>
      );
    }
    return <LoadError error={loaded.error} retry={loaded.reload} />;
  }
  if (!take) return <Loading what="Loading the take" />;

  return (
    <>
      <div className="page-header">
        <div>
          <h1 className="page-title mono">
            {take.shotCode} {take.code}
          </h1>
          <div className="page-sub take-sub">
            <ReviewBadge review={take.review} />
            <span className="faint">·</span>
            <GenerationStatus take={take} />
            {take.model !== undefined && (
              <>
                <span className="faint">·</span>
                <span className="mono">{take.model}</span>
              </>
            )}
          </div>
        </div>
        <div className="page-actions">
          <LinkButton to={`/projects/${projectId}/shots/${take.shotId}/takes?take=${take.id}`}>All takes of {take.shotCode}</LinkButton>
          <CompareWith projectId={projectId} take={take} siblings={siblings.data?.takes ?? []} />
          {take.media && mayChange('asset.edit') && (
            <Button onClick={saveFrame} title="Save the frame under the playhead as a reference">
              Save frame as reference
            </Button>
          )}
          {mayGenerate && !isTerminal(take.status) && take.status !== 'cancel_requested' && (
            <Button variant="danger" onClick={() => setCanceling(true)}>
              Cancel take
            </Button>
          )}
          {mayGenerate && <RenderFinal projectId={projectId} take={take} onQueued={(id) => navigate(`/projects/${projectId}/takes/${id}`)} />}
          {mayGenerate && take.external === false && (
            <Button variant="primary" onClick={() => regenerate(take)}>
              Regenerate
            </Button>
          )}
        </div>
      </div>
      {take.error && (
        <Banner tone="error">
          {take.error.message} <span className="faint mono">({take.error.code})</span>
        </Banner>
      )}
      <TakeRiskFlag take={take} on="page" />
      {trouble && <Banner tone="error">{trouble}</Banner>}
      {mayDecide && take.status === 'succeeded' && <DecisionBar take={take} decisions={decisions} reasonRequiredFor={reasonRequiredFor} />}
      {news && (
        <Banner tone="ok" action={<LinkButton small variant="ghost" to={`/projects/${projectId}/assets/${news.assetId}`}>Open it</LinkButton>}>
          {news.text}
        </Banner>
      )}
      <div className={panels ? 'take-layout' : 'take-layout take-layout-full'}>
        <div className="take-main">
          {take.media ? (
            <TakePlayer
              ref={player}
              media={take.media}
              rate={project.frameRate}
              timecodeMode={project.timecodeMode}
              label={`${take.shotCode} ${take.code}`}
              startFrame={startFrame}
              onRest={keepFrame}
              marks={take.marks}
              notes={noteMarkers}
              onMark={mayDecide ? (which, frame) => void setMark(which, frame) : undefined}
              onDecision={mayDecide ? decisions.decide : undefined}
              onStep={step}
              onFrame={setCurrentFrame}
              onVideoSize={setVideoSize}
              overlay={<DrawingOverlay takeId={take.id} currentFrame={currentFrame} frameSize={{ width: take.media.width, height: take.media.height }} pictureSize={videoSize} />}
            />
          ) : (
            <div className="player player-empty">
              <GenerationStatus take={take} />
              <p className="muted">{STATUS_HINTS[take.status]}</p>
            </div>
          )}
          {take.continuity && (
            <Section title="Continuity" id="continuity-title">
              <ContinuityTable results={take.continuity} finished={isTerminal(take.status)} />
            </Section>
          )}
          {take.prompt !== undefined && (
            <Section title="Prompt" id="prompt-title">
              <pre className="prompt">{take.prompt || '—'}</pre>
            </Section>
          )}
          {take.adaptations && (
            <Section title="What the model cannot honour" id="adaptations-title">
              <AdaptationList adaptations={take.adaptations} />
            </Section>
          )}
          {take.request && <RequestView request={take.request} open label="The exact request" />}
        </div>
        <aside className="take-aside" aria-label="About this take" hidden={!panels}>
          {take.media && (
            <NotesPanel
              projectId={projectId}
              takeId={take.id}
              currentFrame={currentFrame}
              onSeek={(frame) => void player.current?.seekToFrame(frame)}
              frameSize={{ width: take.media.width, height: take.media.height }}
              timecodeOf={(frame) => timecodeOf(frame, project.frameRate, project.timecodeMode)}
              onPause={() => player.current?.pause()}
              frameNow={() => player.current?.frame() ?? currentFrame}
            />
          )}
          <TakeFacts projectId={projectId} take={take} />
          {take.status === 'succeeded' && <DecisionHistory projectId={projectId} take={take} />}
          {take.cost && (
            <div>
              <h2 className="side-panel-title">Cost</h2>
              <TakeCost take={take} />
            </div>
          )}
          {take.timings && (
            <div>
              <h2 className="side-panel-title">Timings</h2>
              <TakeTimings take={take} />
            </div>
          )}
          {take.references && (
            <div>
              <h2 className="side-panel-title">References used</h2>
              <TakeReferences projectId={projectId} take={take} />
            </div>
          )}
          <p className="field-hint">
            <kbd>p</kbd> hides this panel.{mayReadPlan && <> <Link to={`/projects/${projectId}/shots/${take.shotId}?tab=history`}>Plan history</Link></>}
          </p>
        </aside>
      </div>
      {saving !== undefined && (
        <SaveFrameDialog
          projectId={projectId}
          take={take}
          frame={saving}
          onClose={() => setSaving(undefined)}
          onSaved={(asset, frame) => {
            setSaving(undefined);
            setNews({ text: `Frame ${frame} of ${take.code} saved as ${asset.name} v${asset.currentVersion}.`, assetId: asset.id });
          }}
        />
      )}
      {decisions.dialogs}
      {canceling && <CancelTakeDialog projectId={projectId} take={take} onClose={() => setCanceling(false)} onCanceled={(t) => loaded.setData(t)} />}
    </>
  );
}

/** What went wrong saving a review change, in a reviewer's words; a server that has no such route yet says so. */
function reviewTrouble(error: unknown, what: string): string {
  if (error instanceof ApiError && error.status === 404 && error.code !== 'take.not_found') return `Saving ${what} is not available on this server yet; nothing was changed.`;
  if (error instanceof ApiError && error.status >= 500) return `Backlot could not save ${what} just now; nothing was changed. Try again in a moment.`;
  // The server's refusal already names the take and what to do ("TK001 is maybe; only a selected take can be approved").
  return error instanceof ApiError ? messageOf(error) : `${what[0].toUpperCase()}${what.slice(1)} not saved: ${messageOf(error)}`;
}
