/** The member's home with the sign-off buttons under each request waiting for their sign-off (the spend feature's decision beside the home feed). */
import type { HomeItem } from '@backlot/contracts';
import { HomePage as HomeFeedPage } from '../../features/home/home.page.tsx';
import { SignOffActions } from '../../features/spend/sign-off.tsx';

function signOff(item: HomeItem) {
  if (item.kind !== 'awaiting_sign_off' || !item.take) return null;
  return (
    <div className="home-actions">
      <SignOffActions projectId={item.project.id} take={{ id: item.take.id, name: `${item.take.shotCode} ${item.take.code}` }} />
    </div>
  );
}

export function HomePage() {
  return <HomeFeedPage actions={signOff} />;
}
