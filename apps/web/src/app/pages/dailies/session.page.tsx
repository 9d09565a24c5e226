/**
 * A dailies session: the picture first and largest, the playlist beside it, the notes of the take
 * on screen and the room (who is here, the log) below the playlist. Decisions (R/M/S/A, or the
 * buttons) and notes made here are kept with the session.
 *
 * The presenter's take, version, play state, frame and compare or wipe layout are posted as they
 * change; every other browser in the room follows them from the project's stream. Choosing a take
 * yourself while someone presents is a private look; B (or the button) snaps back. X flips A/B
 * between the take on screen and the one before it: both players stay mounted, so no black frame
 * comes between them. ↑/↓ step along the playlist, C cycles the layout, V the take's versions.
 */
import type { DailiesItem, Take } from '@backlot/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useParams, useSearchParams } from 'react-router-dom';
import { api } from '../../../shared/api/client.ts';
import { keys } from '../../../shared/api/keys.ts';
import { messageOf } from '../../../shared/lib/errors.ts';
import { useDocumentTitle } from '../../../shared/lib/use-document-title.ts';
import { useLoad } from '../../../shared/lib/use-load.ts';
import { NeedsPermission } from '../../../shared/project/needs-permission.tsx';
import { useProject } from '../../../shared/project/project-context.ts';
import { useCrumbs } from '../../../shared/project/project-crumbs.ts';
import { useMe } from '../../../shared/session/auth.tsx';
import { useShortcuts } from '../../../shared/shortcuts/shortcuts.tsx';
import { Banner } from '../../../shared/ui/banner.tsx';
import { Button } from '../../../shared/ui/button.tsx';
import { LoadError, Loading } from '../../../shared/ui/page.tsx';
import { timecodeOf } from '../../../shared/ui/player/frame-clock.ts';
import { AddTakesDialog } from '../../../features/dailies/add-takes.dialog.tsx';
import { fpsOf, mustResync, presenterFrameAt } from '../../../features/dailies/follow.ts';
import { Playlist } from '../../../features/dailies/playlist.tsx';
import { RoomLog, usePresence, WhoIsHere } from '../../../features/dailies/room.tsx';
import { EMPTY_VIEW, nextLayout, stepItem, viewOfPresenter, type SessionView } from '../../../features/dailies/session-view.ts';
import { Attendees, CloseSession, NotesExport } from '../../../features/dailies/session-actions.tsx';
import { ReviewMovieBuild, SessionReport } from '../../../features/dailies/report-and-movie.tsx';
import { ShareLinks } from '../../../features/dailies/share-links.tsx';
import { usePresenter } from '../../../features/dailies/use-presenter.ts';
import { ComparePlayers } from '../../../features/review/compare-players.tsx';
import { DecisionBar, useDecisions } from '../../../features/review/decision-bar.tsx';
import { DrawingOverlay, NotesPanel, useNoteMarkers } from '../../../features/review/index.ts';
import { TakePlayer, type PlayerHandle } from '../../../features/takes/take-player.tsx';

export function DailiesSessionPage() {
  const { sessionId = '' } = useParams();
  return (
    <div className="page page-wide">
      <NeedsPermission action="dailies.read" what="attend dailies">
        <SessionRoom key={sessionId} sessionId={sessionId} />
      </NeedsPermission>
    </div>
  );
}

/** How far (frames) a playing follower may drift from the presenter before it is moved. */
const DRIFT_FRAMES = 6;

function SessionRoom({ sessionId }: { sessionId: string }) {
  const { project, mayChange } = useProject();
  const projectId = project.id;
  const me = useMe();
  const detail = useLoad(keys.dailies.session(projectId, sessionId), () => api.getDailies({ params: { projectId, sessionId } }));
  const d = detail.data;
  const room = usePresenter(projectId, sessionId, d?.presenter);
  usePresence((kind) => api.dailiesPresence({ params: { projectId, sessionId }, body: { kind } }), mayChange('dailies.attend'));
  const items = d?.items ?? [];
  const open = d?.session.status === 'open';
  const canRun = !!d?.canRun && open;
  const presenter = room.presenter;
  const iPresent = !!presenter && presenter.presenter.id === me.account.id;
  const followingOther = room.following && !!presenter && !iPresent && presenter.itemId !== null;
  // The take on screen rides in the address (?item=), so a shared link opens on it.
  const [search, setSearch] = useSearchParams();
  const [mine, setMine] = useState<SessionView>(() => ({ ...EMPTY_VIEW, itemId: search.get('item') }));
  // The take shown before the current one: X flips back to it.
  const [previousItem, setPreviousItem] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [trouble, setTrouble] = useState<string>();
  const [panels, setPanels] = useState(true);
  const [currentFrame, setCurrentFrame] = useState(0);
  const players = useRef(new Map<string, PlayerHandle | null>());

  const base: SessionView = followingOther ? viewOfPresenter(presenter) : mine;
  const view: SessionView = { ...base, itemId: base.itemId && items.some((i) => i.id === base.itemId) ? base.itemId : (items[0]?.id ?? null) };
  const item = items.find((i) => i.id === view.itemId);
  const compareItem = view.compareItemId ? items.find((i) => i.id === view.compareItemId) : undefined;
  const versionId = view.versionTakeId && view.versionTakeId !== item?.take.id ? view.versionTakeId : null;
  const version = useLoad(keys.takes.take(projectId, versionId ?? ''), () => api.getTake({ params: { projectId, takeId: versionId! } }), { enabled: !!versionId });
  const shown: Take | undefined = versionId ? version.data : item?.take;
  const player = () => (shown ? (players.current.get(shown.id) ?? null) : null);

  useDocumentTitle(d ? d.session.title : 'Dailies', project.code);
  useCrumbs(d ? [{ label: 'Dailies', to: `/projects/${projectId}/dailies` }, { label: `${d.session.date} ${d.session.title}` }] : []);

  // Posting the presenter's state: the view, and where the player is.
  const post = useCallback(
    (v: SessionView, at?: { playing: boolean; frame: number; rate?: number }) => {
      const p = shown ? players.current.get(shown.id) : null;
      const motion = p?.motion() ?? { playing: false, speed: 1 };
      void room.post({
        itemId: v.itemId,
        versionTakeId: v.versionTakeId,
        playing: at?.playing ?? motion.playing,
        frame: Math.max(0, at?.frame ?? p?.frame() ?? 0),
        rate: at?.rate ?? motion.speed,
        layout: v.compareItemId ? v.layout : 'single',
        compareItemId: v.compareItemId && v.layout !== 'single' ? v.compareItemId : null,
        wipe: v.wipe,
      });
    },
    [room, shown],
  );

  /** Changes what this browser shows: posted when presenting; a private look when following someone. */
  const change = (next: Partial<SessionView>) => {
    const merged = { ...view, ...next };
    if (next.itemId !== undefined && next.itemId !== view.itemId) {
      setPreviousItem(view.itemId);
      if (next.versionTakeId === undefined) merged.versionTakeId = null;
    }
    setMine(merged);
    if (merged.itemId) setSearch({ item: merged.itemId }, { replace: true });
    if (followingOther) room.look();
    if (iPresent) post(merged, next.itemId !== undefined && next.itemId !== view.itemId ? { playing: false, frame: 0 } : undefined);
  };

  const present = () => {
    room.snap();
    setMine(view);
    post(view);
  };
  const snapBack = () => room.snap();

  // Following: the player goes where the presenter's is, and plays or pauses with it.
  const seq = presenter?.seq;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the presenter's state is named by its seq; the players are refs
  useEffect(() => {
    if (!followingOther || !presenter || !shown?.media) return;
    const fps = fpsOf(project.frameRate);
    const sync = () => {
      const p = players.current.get(shown.id);
      if (!p) return;
      const target = { frame: presenterFrameAt(presenter, Date.now(), fps, shown.media!.proxyFrames), playing: presenter.playing };
      const local = { frame: p.frame(), playing: p.motion().playing };
      if (!mustResync(local, target, DRIFT_FRAMES)) return;
      void p.seekToFrame(target.frame).then(() => {
        if (presenter.playing && presenter.rate > 0) p.play(presenter.rate);
      });
    };
    sync();
    // While the presenter plays, drift is checked now and then.
    const check = presenter.playing ? setInterval(sync, 1000) : undefined;
    return () => clearInterval(check);
    // The presenter's state is named by its seq.
  }, [seq, followingOther, shown?.id]);

  const decisions = useDecisions({
    projectId,
    sessionId,
    take: shown,
    reasonRequiredFor: project.review.reasonRequiredFor,
    mayOverride: mayChange('review.override'),
    onDecided: () => detail.reload(),
  });
  const mayDecide = mayChange('review.decide') && open;

  // The playlist's changes: the new order shown at once, the server's answer kept.
  const reorder = async (itemIds: string[]) => {
    if (!d) return;
    const byId = new Map(items.map((i) => [i.id, i]));
    detail.setData({ ...d, items: itemIds.map((id, position) => ({ ...byId.get(id)!, position })) });
    try {
      const answer = await api.reorderDailiesItems({ params: { projectId, sessionId }, body: { itemIds } });
      detail.setData((prev) => ({ ...(prev ?? d), items: answer.items }));
      setTrouble(undefined);
    } catch (e) {
      setTrouble(`The playlist was not reordered: ${messageOf(e)}`);
      detail.reload();
    }
  };
  const remove = async (it: DailiesItem) => {
    try {
      const answer = await api.removeDailiesItem({ params: { projectId, sessionId, itemId: it.id } });
      detail.setData((prev) => ({ ...(prev ?? d!), items: answer.items }));
      setTrouble(undefined);
    } catch (e) {
      setTrouble(`${it.take.code} was not removed: ${messageOf(e)}`);
    }
  };

  // The shot's takes: the versions V cycles through.
  const shotId = item?.take.shotId;
  const siblings = useLoad(keys.takes.shot(projectId, shotId ?? ''), () => api.listTakes({ params: { projectId, shotId: shotId! } }), { enabled: !!shotId });
  const versions = (siblings.data?.takes ?? []).filter((t) => t.status === 'succeeded' && t.media);
  const nextVersion = () => {
    if (!item || versions.length < 2) return;
    const at = versions.findIndex((t) => t.id === (shown?.id ?? item.take.id));
    const next = versions[(at + 1) % versions.length];
    change({ versionTakeId: next.id === item.take.id ? null : next.id });
  };
  const flip = () => previousItem && items.some((i) => i.id === previousItem) && change({ itemId: previousItem });
  const cycleLayout = () => {
    const layout = nextLayout(view.layout);
    const other = view.compareItemId ?? (previousItem !== view.itemId ? previousItem : null) ?? stepItem(items, view.itemId, 1) ?? stepItem(items, view.itemId, -1);
    change(layout === 'single' || !other ? { layout: 'single' } : { layout, compareItemId: other });
  };
  useShortcuts([
    { keys: ['x', 'X'], label: 'X', help: 'Flip between this take and the one before it (A/B)', run: flip },
    { keys: ['c', 'C'], label: 'C', help: 'One take, side by side, wipe', run: cycleLayout },
    { keys: ['v', 'V'], label: 'V', help: 'Next version of the take (another take of its shot)', run: nextVersion },
    { keys: ['b', 'B'], label: 'B', help: 'Back to the presenter after a private look', run: snapBack },
    { keys: ['p'], label: 'P', help: 'Hide or show the panels', run: () => setPanels((v) => !v) },
  ]);

  const notes = useNoteMarkers(shown?.id ?? '');
  const [videoSize, setVideoSize] = useState<{ width: number; height: number }>();

  if (detail.error && !d) return <LoadError error={detail.error} retry={detail.reload} />;
  if (!d) return <Loading what="Loading the session" />;

  // Mounted players: the take on screen and the one X flips to, so a flip shows a painted frame at once.
  const flipItem = previousItem ? items.find((i) => i.id === previousItem) : undefined;
  const mounted = [shown, flipItem && flipItem.take.id !== shown?.id ? flipItem.take : undefined].filter((t): t is Take => !!t?.media);
  const wipePercent = Math.round(view.wipe * 100);

  return (
    <>
      <header className="dailies-head">
        <div>
          <h1 className="page-title">{d.session.title}</h1>
          <p className="muted small">
            <span className="mono">{d.session.date}</span> · {d.session.status} · {items.length} takes · {d.attendees.length} invited
          </p>
        </div>
        <div className="dailies-presenting" aria-live="polite">
          {presenter ? (
            iPresent ? (
              <span className="tag" data-presenting="me">
                You are presenting
              </span>
            ) : (
              <span data-presenter={presenter.presenter.name}>
                <strong>{presenter.presenter.name}</strong> presents{!room.following && <span className="muted"> · you are looking privately</span>}
              </span>
            )
          ) : (
            <span className="muted">Nobody presents</span>
          )}
          {!room.following && presenter && !iPresent && (
            <Button small onClick={snapBack}>
              Back to {presenter.presenter.name} (B)
            </Button>
          )}
          {canRun && !iPresent && (
            <Button small variant="primary" onClick={present}>
              Present
            </Button>
          )}
          {canRun && (
            <Button small onClick={() => setAdding(true)}>
              Add takes
            </Button>
          )}
          {canRun && <CloseSession projectId={projectId} detail={d} />}
        </div>
      </header>
      {room.trouble && <Banner tone="error">{room.trouble}</Banner>}
      {trouble && <Banner tone="error">{trouble}</Banner>}
      {decisions.trouble && <Banner tone="error">{decisions.trouble}</Banner>}
      {mayDecide && shown?.status === 'succeeded' && <DecisionBar take={shown} decisions={decisions} reasonRequiredFor={project.review.reasonRequiredFor} />}
      <div className={panels ? 'dailies-layout' : 'dailies-layout dailies-layout-full'}>
        <div className="dailies-stage" data-layout={view.layout} data-take={shown ? `${shown.shotCode} ${shown.code}` : ''}>
          {!shown ? (
            <div className="player player-empty">
              <p className="muted">{items.length ? 'Loading the take…' : canRun ? 'Add takes to the playlist to start.' : 'The playlist is empty.'}</p>
            </div>
          ) : view.layout !== 'single' && compareItem?.take.media && shown.media ? (
            <>
              <ComparePlayers
                takes={[shown, compareItem.take]}
                rate={project.frameRate}
                timecodeMode={project.timecodeMode}
                layout={view.layout === 'wipe' ? 'wipe' : 'side'}
                anchor={undefined}
                onToggleWipe={() => change({ layout: view.layout === 'wipe' ? 'side_by_side' : 'wipe' })}
                wipe={wipePercent}
                onWipe={(p) => change({ wipe: Math.round(p) / 100 })}
              />
              <p className="small muted" data-wipe={wipePercent}>
                {view.layout === 'wipe' ? `Wipe at ${wipePercent}%` : 'Side by side'}: {shown.code} and {compareItem.take.code}. C for the next layout.
              </p>
            </>
          ) : (
            mounted.map((t) => {
              const active = t.id === shown.id;
              return (
                <div key={t.id} className={active ? 'dailies-layer' : 'dailies-layer dailies-layer-ready'} aria-hidden={!active}>
                  <TakePlayer
                    ref={(p) => void players.current.set(t.id, p)}
                    media={t.media!}
                    rate={project.frameRate}
                    timecodeMode={project.timecodeMode}
                    label={`${t.shotCode} ${t.code}`}
                    marks={t.marks}
                    notes={active ? notes : undefined}
                    inactive={!active}
                    onDecision={active && mayDecide ? decisions.decide : undefined}
                    onStep={active ? (by) => void (stepItem(items, view.itemId, by) && change({ itemId: stepItem(items, view.itemId, by) })) : undefined}
                    onFrame={active ? setCurrentFrame : undefined}
                    onVideoSize={active ? setVideoSize : undefined}
                    onMotion={active && iPresent ? (m) => post(view, { playing: m.playing, frame: players.current.get(t.id)?.frame() ?? 0, rate: m.speed }) : undefined}
                    onRest={active && iPresent ? (frame) => post(view, { playing: false, frame }) : undefined}
                    overlay={active ? <DrawingOverlay takeId={t.id} currentFrame={currentFrame} frameSize={{ width: t.media!.width, height: t.media!.height }} pictureSize={videoSize} /> : undefined}
                  />
                </div>
              );
            })
          )}
          {versions.length > 1 && item && (
            <fieldset className="small muted fieldset-bare dailies-versions" aria-label="Versions">
              Version:{' '}
              {versions.map((t) => (
                <button
                  key={t.id}
                  type="button"
                  className={t.id === shown?.id ? 'link-button mono strong' : 'link-button mono'}
                  aria-pressed={t.id === shown?.id}
                  onClick={() => change({ versionTakeId: t.id === item.take.id ? null : t.id })}
                >
                  {t.code}
                </button>
              ))}{' '}
              (V)
            </fieldset>
          )}
        </div>
        <aside className="dailies-aside" hidden={!panels} aria-label="Playlist and room">
          <Playlist
            items={items}
            currentItemId={view.itemId}
            compareItemId={view.layout !== 'single' ? view.compareItemId : null}
            editable={canRun}
            onOpen={(id) => change({ itemId: id })}
            onReorder={(ids) => void reorder(ids)}
            onRemove={(it) => void remove(it)}
          />
          {shown?.media && (
            <NotesPanel
              projectId={projectId}
              sessionId={sessionId}
              takeId={shown.id}
              currentFrame={currentFrame}
              onSeek={(frame) => void player()?.seekToFrame(frame)}
              frameSize={{ width: shown.media.width, height: shown.media.height }}
              timecodeOf={(frame) => timecodeOf(frame, project.frameRate, project.timecodeMode)}
              onPause={() => player()?.pause()}
              frameNow={() => player()?.frame() ?? currentFrame}
            />
          )}
          <WhoIsHere participants={d.participants} presenterName={presenter?.presenter.name ?? null} />
          <Attendees projectId={projectId} detail={d} editable={canRun} />
          {canRun && <ShareLinks projectId={projectId} sessionId={sessionId} />}
          <RoomLog projectId={projectId} sessionId={sessionId} />
          <NotesExport projectId={projectId} sessionId={sessionId} />
          <SessionReport projectId={projectId} detail={d} />
          <ReviewMovieBuild projectId={projectId} sessionId={sessionId} takes={items.length} />
          <p className="field-hint">
            <kbd>Alt</kbd>+<kbd>↑</kbd>/<kbd>↓</kbd> move the focused take in the playlist; <kbd>X</kbd> A/B flip, <kbd>C</kbd> layout, <kbd>V</kbd> version, <kbd>B</kbd> back to the presenter,{' '}
            <kbd>P</kbd> hides this panel.
          </p>
        </aside>
      </div>
      {adding && <AddTakesDialog projectId={projectId} sessionId={sessionId} onPlaylist={items.map((i) => i.take.id)} onClose={() => setAdding(false)} />}
      {decisions.dialogs}
    </>
  );
}
