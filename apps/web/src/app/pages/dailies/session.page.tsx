/**
 * A dailies session: the picture first and largest, the playlist beside it, the notes of the take
 * on screen and the room (who is here, the log) below the playlist. Decisions (R/M/S/A, or the
 * buttons) and notes made here are kept with the session.
 *
 * The presenter's take, version, play state, frame and compare or wipe layout are posted as they
 * change; every other browser in the room follows them from the project's stream. Choosing a take
 * or moving the player yourself while someone presents is a private look, on what you see at that
 * moment; B (or the button) snaps back. X flips A/B between the take on screen and the one before
 * it: both players stay mounted, so no black frame comes between them. ↑/↓ step along the
 * playlist, C cycles the layout, V the take's versions (use-session-keys.ts).
 */
import type { Take } from '@backlot/contracts';
import { useRef, useState } from 'react';
import { useParams } from 'react-router-dom';
import { api } from '../../../shared/api/client.ts';
import { keys } from '../../../shared/api/keys.ts';
import { useDocumentTitle } from '../../../shared/lib/use-document-title.ts';
import { useLoad } from '../../../shared/lib/use-load.ts';
import { NeedsPermission } from '../../../shared/project/needs-permission.tsx';
import { useProject } from '../../../shared/project/project-context.ts';
import { useCrumbs } from '../../../shared/project/project-crumbs.ts';
import { useMe } from '../../../shared/session/auth.tsx';
import { Banner } from '../../../shared/ui/banner.tsx';
import { LoadError, Loading } from '../../../shared/ui/page.tsx';
import { AddTakesDialog } from '../../../features/dailies/add-takes.dialog.tsx';
import { PresentingStatus } from '../../../features/dailies/presenting-status.tsx';
import { usePresence } from '../../../features/dailies/room.tsx';
import { useFollowPresenter } from '../../../features/dailies/use-follow-presenter.ts';
import { usePlaylistEdits } from '../../../features/dailies/use-playlist-edits.ts';
import { usePresenter } from '../../../features/dailies/use-presenter.ts';
import { useSessionKeys } from '../../../features/dailies/use-session-keys.ts';
import { useSessionView } from '../../../features/dailies/use-session-view.ts';
import { DecisionBar, useDecisions } from '../../../features/review/decision-bar.tsx';
import type { PlayerHandle } from '../../../features/takes/take-player.tsx';
import { SessionAside } from './session-aside.tsx';
import { SessionStage } from './session-stage.tsx';

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

function SessionRoom({ sessionId }: { sessionId: string }) {
  const { project, mayChange } = useProject();
  const projectId = project.id;
  const me = useMe();
  const detail = useLoad(keys.dailies.session(projectId, sessionId), () => api.getDailies({ params: { projectId, sessionId } }));
  const d = detail.data;
  const room = usePresenter(projectId, sessionId, d?.presenter);
  usePresence((kind) => api.dailiesPresence({ params: { projectId, sessionId }, body: { kind } }), mayChange('dailies.attend'));
  const playlist = usePlaylistEdits(projectId, sessionId, detail);
  const items = d?.items ?? [];
  const open = d?.session.status === 'open';
  const canRun = !!d?.canRun && open;
  const presenter = room.presenter;
  const iPresent = !!presenter && presenter.presenter.id === me.account.id;
  const followingOther = room.following && !!presenter && !iPresent && presenter.itemId !== null;
  const [adding, setAdding] = useState(false);
  const [panels, setPanels] = useState(true);
  const [currentFrame, setCurrentFrame] = useState(0);
  const players = useRef(new Map<string, PlayerHandle | null>());
  // The player of the take on screen (`shown`, below): read when posting or seeking, after this render.
  const player = () => (shown ? (players.current.get(shown.id) ?? null) : null);
  const { view, previousItem, change, lookHere, present, post } = useSessionView({ items, room, presenter, followingOther, iPresent, player });
  const item = items.find((i) => i.id === view.itemId);
  const versionId = view.versionTakeId && view.versionTakeId !== item?.take.id ? view.versionTakeId : null;
  const version = useLoad(keys.takes.take(projectId, versionId ?? ''), () => api.getTake({ params: { projectId, takeId: versionId! } }), { enabled: !!versionId });
  const shown: Take | undefined = versionId ? version.data : item?.take;

  useDocumentTitle(d ? d.session.title : 'Dailies', project.code);
  useCrumbs(d ? [{ label: 'Dailies', to: `/projects/${projectId}/dailies` }, { label: `${d.session.date} ${d.session.title}` }] : []);

  const snapBack = () => room.snap();

  useFollowPresenter({
    following: followingOther,
    presenter,
    take: shown?.media ? { id: shown.id, frames: shown.media.proxyFrames } : undefined,
    frameRate: project.frameRate,
    player: (takeId) => players.current.get(takeId),
  });

  const decisions = useDecisions({
    projectId,
    sessionId,
    take: shown,
    reasonRequiredFor: project.review.reasonRequiredFor,
    mayOverride: mayChange('review.override'),
    onDecided: () => detail.reload(),
  });
  const mayDecide = mayChange('review.decide') && open;

  const versions = useSessionKeys({ projectId, items, view, item, shown, previousItem, change, snapBack, togglePanels: () => setPanels((v) => !v) });

  if (detail.error && !d) return <LoadError error={detail.error} retry={detail.reload} />;
  if (!d) return <Loading what="Loading the session" />;

  return (
    <>
      <header className="dailies-head">
        <div>
          <h1 className="page-title">{d.session.title}</h1>
          <p className="muted small">
            <span className="mono">{d.session.date}</span> · {d.session.status} · {items.length} takes · {d.attendees.length} invited
          </p>
        </div>
        <PresentingStatus
          projectId={projectId}
          detail={d}
          presenter={presenter}
          iPresent={iPresent}
          following={room.following}
          canRun={canRun}
          onPresent={present}
          onSnapBack={snapBack}
          onAdd={() => setAdding(true)}
        />
      </header>
      {room.trouble && <Banner tone="error">{room.trouble}</Banner>}
      {playlist.trouble && <Banner tone="error">{playlist.trouble}</Banner>}
      {decisions.trouble && <Banner tone="error">{decisions.trouble}</Banner>}
      {mayDecide && shown?.status === 'succeeded' && <DecisionBar take={shown} decisions={decisions} reasonRequiredFor={project.review.reasonRequiredFor} />}
      <div className={panels ? 'dailies-layout' : 'dailies-layout dailies-layout-full'}>
        <SessionStage
          project={project}
          items={items}
          view={view}
          item={item}
          shown={shown}
          flipTake={previousItem ? items.find((i) => i.id === previousItem)?.take : undefined}
          compareItem={view.compareItemId ? items.find((i) => i.id === view.compareItemId) : undefined}
          versions={versions}
          emptyText={items.length ? 'Loading the take…' : canRun ? 'Add takes to the playlist to start.' : 'The playlist is empty.'}
          players={players}
          currentFrame={currentFrame}
          onFrame={setCurrentFrame}
          onDecision={mayDecide ? decisions.decide : undefined}
          onChange={change}
          onPost={iPresent ? (at) => post(view, at) : undefined}
          onOwnMove={followingOther ? lookHere : undefined}
        />
        <SessionAside
          project={project}
          sessionId={sessionId}
          detail={d}
          view={view}
          shown={shown}
          canRun={canRun}
          hidden={!panels}
          presenterName={presenter?.presenter.name ?? null}
          currentFrame={currentFrame}
          player={player}
          onOpen={(id) => change({ itemId: id })}
          onReorder={(ids) => void playlist.reorder(ids)}
          onRemove={(it) => void playlist.remove(it)}
        />
      </div>
      {adding && <AddTakesDialog projectId={projectId} sessionId={sessionId} onPlaylist={items.map((i) => i.take.id)} onClose={() => setAdding(false)} />}
      {decisions.dialogs}
    </>
  );
}
