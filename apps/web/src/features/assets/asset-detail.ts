/** The shapes of a reference's page, as the server sends them. */
import type { CallOutput } from '@backlot/contracts/client';

export type AssetDetail = CallOutput<'getAsset'>;
export type AssetVersion = AssetDetail['versions'][number];
export type AssetFile = AssetVersion['files'][number];

/** The file the library's thumbnail was made from: the latest version's "main" view, else its first view. */
export function coverFile(detail: AssetDetail): AssetFile | undefined {
  const latest = detail.versions.find((v) => v.version === detail.asset.currentVersion);
  return latest?.files.find((f) => f.view === 'main') ?? latest?.files[0];
}
