/**
 * A guest on a review link (no account): they give their name (and the passcode when the link has
 * one), then see the session's takes as a viewer does — the picture, its code and review state,
 * nothing of prompt, seed, request or cost — and leave client-visible notes, with drawings, at a
 * frame. ↑/↓ step along the playlist; the player's keys work as everywhere.
 */
import type { GuestDailies } from '@backlot/contracts';
import { useRef, useState } from 'react';
import { useParams } from 'react-router-dom';
import { api } from '../../../shared/api/client.ts';
import { keys } from '../../../shared/api/keys.ts';
import { formatWhen } from '../../../shared/lib/format.ts';
import { useLoad } from '../../../shared/lib/use-load.ts';
import { isSignedOut } from '../../../shared/lib/errors.ts';
import { Button } from '../../../shared/ui/button.tsx';
import { Loading } from '../../../shared/ui/page.tsx';
import { GuestJoinForm } from '../../../features/dailies/guest-join-form.tsx';
import { GuestPlaylist } from '../../../features/dailies/guest-playlist.tsx';
import { usePresence } from '../../../features/dailies/room.tsx';
import { stepItem } from '../../../features/dailies/session-view.ts';
import { useFollowPresenter } from '../../../features/dailies/use-follow-presenter.ts';
import { useGuestRoom } from '../../../features/dailies/use-guest-room.ts';
import { DrawingOverlay } from '../../../features/review/index.ts';
import { TakePlayer, type PlayerHandle } from '../../../features/takes/take-player.tsx';
import { GuestNotes } from './guest-notes.tsx';

export function GuestReviewPage() {
  const { token = '' } = useParams();
  const session = useLoad(keys.guestDailies, () => api.guestDailies());
  const [joined, setJoined] = useState(false);
  if (session.data && (joined || !session.error)) return <GuestRoom data={session.data} reload={session.reload} />;
  if (!session.data && session.loading && !session.error) return <Loading what="Opening the review" />;
  return (
    <div className="auth-page guest-page">
      <GuestJoinForm
        token={token}
        onJoined={() => {
          setJoined(true);
          session.reload();
        }}
        refused={session.error && !isSignedOut(session.error) ? session.error : undefined}
      />
    </div>
  );
}

function GuestRoom({ data, reload }: { data: GuestDailies; reload: () => void }) {
  const [mine, setMine] = useState<string | null>(data.items[0]?.id ?? null);
  const room = useGuestRoom(data.presenter, reload);
  const presenter = room.presenter;
  const followed = room.following && presenter?.itemId ? presenter.itemId : null;
  const itemId = followed ?? mine;
  const setItemId = (id: string) => {
    setMine(id);
    if (presenter && id !== presenter.itemId) room.look();
  };
  /** Moving the player yourself while following: a private look, on the take on screen. */
  const lookHere = (id: string) => {
    setMine(id);
    room.look();
  };
  const [frame, setFrame] = useState(0);
  const [videoSize, setVideoSize] = useState<{ width: number; height: number }>();
  const player = useRef<PlayerHandle>(null);
  usePresence((kind) => api.guestPresence({ body: { kind } }));
  const item = data.items.find((i) => i.id === itemId) ?? data.items[0];
  const take = item?.take;
  // A guest is not told the project's rate; the proxy is conformed to it, which is the take's own on a project shot at one rate.
  const rate = take?.media?.frameRate ?? '24';
  useFollowPresenter({
    following: !!followed,
    presenter,
    take: take?.media ? { id: take.id, frames: take.media.proxyFrames } : undefined,
    frameRate: rate,
    player: () => player.current,
  });
  return (
    <div className="guest-page">
      <header className="dailies-head">
        <div>
          <h1 className="page-title">{data.session.title}</h1>
          <p className="muted small">
            <span className="mono">{data.session.date}</span> · {data.items.length} takes · you are <strong>{data.guest.name}</strong> · the link works until {formatWhen(data.expiresAt)}
          </p>
        </div>
        <div className="dailies-presenting" aria-live="polite">
          {presenter ? (
            <span data-presenter={presenter.presenter.name}>
              <strong>{presenter.presenter.name}</strong> presents{!room.following && <span className="muted"> · you are looking privately</span>}
            </span>
          ) : (
            <span className="muted">Nobody presents</span>
          )}
          {presenter && !room.following && (
            <Button small onClick={room.snap}>
              Back to {presenter.presenter.name}
            </Button>
          )}
        </div>
      </header>
      <div className="dailies-layout">
        <div className="dailies-stage" data-take={take ? `${take.shotCode} ${take.code}` : ''}>
          {take?.media ? (
            <TakePlayer
              key={take.id}
              ref={player}
              media={take.media}
              rate={rate}
              label={`${take.shotCode} ${take.code}`}
              onFrame={setFrame}
              onVideoSize={setVideoSize}
              onOwnMove={followed ? () => lookHere(item!.id) : undefined}
              onStep={(by) => {
                const next = stepItem(data.items, item!.id, by);
                if (next) setItemId(next);
              }}
              overlay={<DrawingOverlay takeId={take.id} currentFrame={frame} frameSize={{ width: take.media.width, height: take.media.height }} pictureSize={videoSize} />}
            />
          ) : (
            <div className="player player-empty">
              <p className="muted">{data.items.length ? 'No picture for this take.' : 'The playlist is empty.'}</p>
            </div>
          )}
        </div>
        <aside className="dailies-aside" aria-label="Playlist and notes">
          <GuestPlaylist items={data.items} currentItemId={item?.id} onOpen={setItemId} />
          {take?.media && <GuestNotes takeId={take.id} frameSize={{ width: take.media.width, height: take.media.height }} rate={rate} frame={frame} player={() => player.current} />}
        </aside>
      </div>
    </div>
  );
}
