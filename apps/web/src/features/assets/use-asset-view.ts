/** Which version and view of a reference are shown, kept in the address (?version=2&view=side) so the page reopens on them. */
import { useSearchParams } from 'react-router-dom';
import { preferredVersion } from '../../shared/production/asset-words.ts';
import type { AssetDetail } from './asset-detail.ts';

export function useAssetView(detail: AssetDetail | undefined) {
  const [search, setSearch] = useSearchParams();
  const asset = detail?.asset;
  const wanted = Number(search.get('version')) || (asset ? preferredVersion(asset) : 0);
  const version = detail?.versions.find((v) => v.version === wanted) ?? detail?.versions[0];
  const view = search.get('view') ?? undefined;
  const show = (patch: { version?: number; view?: string }) =>
    setSearch(
      (s) => {
        const next = new URLSearchParams(s);
        if (patch.version !== undefined) {
          next.set('version', String(patch.version));
          next.delete('view');
        }
        if (patch.view !== undefined) next.set('view', patch.view);
        return next;
      },
      { replace: true },
    );
  const files = version?.files ?? [];
  /** The sheet's next view (front → side → back → front). */
  const nextView = () => {
    const at = files.findIndex((f) => f.view === (view ?? files[0].view));
    show({ view: files[(at + 1) % files.length].view });
  };
  return { version, view, files, show, nextView };
}
