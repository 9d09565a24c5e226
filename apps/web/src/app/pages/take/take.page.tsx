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
import { useRef, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { api } from '../../../shared/api/client.ts';
import { keys } from '../../../shared/api/keys.ts';
import { isNotFound } from '../../../shared/lib/errors.ts';
import { useDocumentTitle } from '../../../shared/lib/use-document-title.ts';
import { useLoad } from '../../../shared/lib/use-load.ts';
import { NeedsPermission } from '../../../shared/project/needs-permission.tsx';
import { useProject } from '../../../shared/project/project-context.ts';
import { useCrumbs } from '../../../shared/project/project-crumbs.ts';
import { Banner } from '../../../shared/ui/banner.tsx';
import { LinkButton } from '../../../shared/ui/button.tsx';
import { EmptyState } from '../../../shared/ui/empty-state.tsx';
import { LoadError, Loading } from '../../../shared/ui/page.tsx';
import { CompareWith } from '../../../features/review/compare-with.tsx';
import { DecisionBar, useDecisions } from '../../../features/review/decision-bar.tsx';
import { CancelTakeDialog } from '../../../features/takes/cancel-take.dialog.tsx';
import { SaveFrameDialog } from '../../../features/takes/save-frame.dialog.tsx';
import { TakeHeader } from '../../../features/takes/take-header.tsx';
import { nextMarks, reviewTrouble } from '../../../features/takes/take-marks.ts';
import type { PlayerHandle } from '../../../features/takes/take-player.tsx';
import { useTakeKeys } from '../../../features/takes/use-take-keys.ts';
import { SignOffBanner } from '../../../features/spend/sign-off-banner.tsx';
import { TakeAside, TakeStage } from './take-stage.tsx';

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
  // The painted frame, for the notes and the drawings over the picture.
  const [currentFrame, setCurrentFrame] = useState(startFrame);
  const take = loaded.data;
  const shotId = take?.shotId;
  const shot = useLoad(keys.plan.shot(projectId, shotId ?? ''), () => api.getShot({ params: { projectId, shotId: shotId! } }), { enabled: !!shotId && mayReadPlan });
  const siblings = useLoad(keys.takes.shot(projectId, shotId ?? ''), () => api.listTakes({ params: { projectId, shotId: shotId! } }), { enabled: !!shotId });
  const scene = shot.data && shotId ? [{ label: `Scene ${shot.data.sceneNumber}`, to: `/projects/${projectId}/shots?scene=${shot.data.sceneId}` }] : [];
  useDocumentTitle(take ? `${take.shotCode} ${take.code}` : 'Take', project.code);
  useCrumbs(take ? [...scene, { label: take.shotCode, mono: true, to: `/projects/${projectId}/shots/${take.shotId}/takes` }, { label: take.code, mono: true }] : []);
  const step = useTakeKeys({ projectId, take, siblings: siblings.data?.takes ?? [], togglePanels: () => setPanels((v) => !v) });
  const mayGenerate = mayChange('take.generate');
  const mayDecide = mayChange('review.decide');
  const setMark = async (which: 'in' | 'out', frame: number) => {
    if (!take) return;
    try {
      loaded.setData(await api.setMarks({ params: { projectId, takeId }, body: nextMarks(take.marks, which, frame) }));
      setTrouble(undefined);
    } catch (e) {
      setTrouble(reviewTrouble(e, 'the in and out marks'));
    }
  };
  // R/M/S/A in the player and the decision buttons make the same decisions, asking a reason where the project wants one.
  const reasonRequiredFor = project.review.reasonRequiredFor;
  const decisions = useDecisions({ projectId, take, reasonRequiredFor, mayOverride: mayChange('review.override'), onDecided: loaded.setData });

  if (loaded.error && !take) {
    if (!isNotFound(loaded.error)) return <LoadError error={loaded.error} retry={loaded.reload} />;
    return (
      <EmptyState title="No such take" action={<LinkButton to={`/projects/${projectId}/shots`}>Back to the shot list</LinkButton>}>
        This take does not exist in {project.code}, or your role does not show it.
      </EmptyState>
    );
  }
  if (!take) return <Loading what="Loading the take" />;

  return (
    <>
      <TakeHeader
        projectId={projectId}
        take={take}
        compare={<CompareWith projectId={projectId} take={take} siblings={siblings.data?.takes ?? []} />}
        mayGenerate={mayGenerate}
        maySaveFrame={mayChange('asset.edit')}
        onSaveFrame={() => (player.current?.pause(), setSaving(player.current?.frame() ?? 0))}
        onCancel={() => setCanceling(true)}
        onRegenerate={() => navigate(`/projects/${projectId}/shots/${take.shotId}/takes?regenerate=${take.id}`)}
        onOpen={(id) => navigate(`/projects/${projectId}/takes/${id}`)}
      />
      {trouble && <Banner tone="error">{trouble}</Banner>}
      <SignOffBanner take={take} onDecided={loaded.setData} />
      {mayDecide && take.status === 'succeeded' && <DecisionBar take={take} decisions={decisions} reasonRequiredFor={reasonRequiredFor} />}
      {news && (
        <Banner
          tone="ok"
          action={
            <LinkButton small variant="ghost" to={`/projects/${projectId}/assets/${news.assetId}`}>
              Open it
            </LinkButton>
          }
        >
          {news.text}
        </Banner>
      )}
      <div className={panels ? 'take-layout' : 'take-layout take-layout-full'}>
        <TakeStage
          take={take}
          player={player}
          startFrame={startFrame}
          currentFrame={currentFrame}
          onFrame={setCurrentFrame}
          onRest={(frame) => setSearch(frame ? { frame: String(frame) } : {}, { replace: true })}
          onMark={mayDecide ? (which, frame) => void setMark(which, frame) : undefined}
          onDecision={mayDecide ? decisions.decide : undefined}
          onStep={step}
        />
        <TakeAside take={take} player={player} currentFrame={currentFrame} hidden={!panels} />
      </div>
      {saving !== undefined && (
        <SaveFrameDialog
          projectId={projectId}
          take={take}
          frame={saving}
          onClose={() => setSaving(undefined)}
          onSaved={(asset, frame) => (setSaving(undefined), setNews({ text: `Frame ${frame} of ${take.code} saved as ${asset.name} v${asset.currentVersion}.`, assetId: asset.id }))}
        />
      )}
      {decisions.dialogs}
      {canceling && <CancelTakeDialog projectId={projectId} take={take} onClose={() => setCanceling(false)} onCanceled={(t) => loaded.setData(t)} />}
    </>
  );
}
