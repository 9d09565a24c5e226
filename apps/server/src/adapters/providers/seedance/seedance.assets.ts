/**
 * Seedance's asset library (PROVIDERS.md §1.3.2) behind the likeness port: a real person's face is
 * uploaded once into the person's asset group, waits until `Active`, and is then named in requests as
 * `asset://<id>`; it is deleted when the person's consent ends. The library is a Volcengine-native
 * OpenAPI signed with an AK/SK pair (volcengine.sign.ts), not the Ark Bearer key.
 *
 * ⚠ Unverified (PROVIDERS.md marks the action names ⚠; no official reference was found): the
 * action names `CreateAssetGroup`, `CreateAsset`, `GetAsset`, `DeleteAsset`, the API version, the
 * service name `ark`, the body field names (`Name`, `GroupId`, `AssetType`, `Url`, `AssetId`), the
 * `ResourceNotFound` code for a missing asset, and the BytePlus host. Verified in shape: the
 * Volcengine OpenAPI envelope (`ResponseMetadata.Error`, `Result`), AK/SK `HMAC-SHA256` signing,
 * the statuses `Processing`/`Active`/`Failed` and the `asset://` reference. The real service also asks
 * the person to pass an H5 identity and liveness check before their group exists; Backlot keeps the
 * group id it is given and reuses it for later pictures of the same person.
 */
import type { BlobStore } from '../../../ports/blob-store.ts';
import { ProviderFailure, type AssetCredential, type LikenessAssetLibrary, type LikenessAssetStatus } from '../../../ports/video-provider.ts';
import { outboundFetch, type OutboundPolicy } from '../outbound.ts';
import { volcengineHeaders } from './volcengine.sign.ts';

/** The asset API's hosts and signing regions (⚠ BytePlus host). */
export const SEEDANCE_ASSET_HOSTS = {
  byteplus: { url: 'https://open.byteplusapi.com', region: 'ap-southeast-1' },
  volcengine: { url: 'https://open.volcengineapi.com', region: 'cn-beijing' },
} as const;

export const ASSET_API_VERSION = '2024-01-01';
const SERVICE = 'ark';
const STATUSES: readonly LikenessAssetStatus[] = ['Processing', 'Active', 'Failed'];

export interface SeedanceAssetDeps {
  /** The OpenAPI host (SEEDANCE_ASSET_HOSTS), or a test server's. */
  url: string;
  region: string;
  blobs: BlobStore;
  outbound: OutboundPolicy;
  now?: () => Date;
}

/** The Volcengine OpenAPI answer envelope. */
interface Envelope<T> {
  ResponseMetadata?: { RequestId?: string; Error?: { Code?: string; Message?: string } };
  Result?: T;
}

/** How an asset-API error fails the call: throttling and server faults retried, the rest not. */
function assetFailure(code: string, message: string, httpStatus: number): ProviderFailure {
  const retryable = httpStatus === 429 || httpStatus >= 500 || /Throttl|RateLimit|Internal/.test(code);
  const category =
    httpStatus === 401 || httpStatus === 403 || /Signature|AccessKey|Unauthori/.test(code) ? 'auth' : retryable ? (httpStatus === 429 ? 'rate_limit' : 'provider_internal') : 'invalid_input';
  return new ProviderFailure({ code, message: `the Seedance asset library answered ${code}: ${message}`, category, retryable, charged: false, httpStatus });
}

/** The library bound to one AK/SK pair. */
export function createSeedanceAssetLibrary(deps: SeedanceAssetDeps, credential: AssetCredential): LikenessAssetLibrary {
  const base = deps.url.replace(/\/$/, '');
  const now = deps.now ?? (() => new Date());

  /** Calls one OpenAPI action, signed; answers its `Result` or throws the provider's error. */
  async function action<T>(name: string, body: Record<string, unknown>, signal?: AbortSignal): Promise<T> {
    const url = new URL(`${base}/?Action=${name}&Version=${ASSET_API_VERSION}`);
    const text = JSON.stringify(body);
    const headers = volcengineHeaders({
      method: 'POST',
      url,
      body: text,
      accessKeyId: credential.accessKeyId,
      secretAccessKey: credential.secretAccessKey,
      region: deps.region,
      service: SERVICE,
      now: now(),
    });
    delete headers.host;
    const res = await outboundFetch(url.toString(), { method: 'POST', body: text, headers, signal }, deps.outbound, 'the Seedance asset library');
    const raw = await res.text();
    let parsed: Envelope<T>;
    try {
      parsed = JSON.parse(raw) as Envelope<T>;
    } catch {
      throw new ProviderFailure({
        code: 'malformed_response',
        message: `the Seedance asset library answered HTTP ${res.status} with a body that is not JSON`,
        category: 'provider_internal',
        retryable: true,
        charged: false,
        httpStatus: res.status,
      });
    }
    const error = parsed.ResponseMetadata?.Error;
    if (!res.ok || error?.Code) throw assetFailure(error?.Code ?? `HTTP ${res.status}`, error?.Message ?? `HTTP ${res.status}`, res.status);
    return (parsed.Result ?? {}) as T;
  }

  /** The picture from Backlot's store as a data URI. */
  async function dataUri(image: { sha256: string; mediaType: string }): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of await deps.blobs.get(image.sha256)) chunks.push(Buffer.from(chunk as Buffer));
    return `data:${image.mediaType};base64,${Buffer.concat(chunks).toString('base64')}`;
  }

  return {
    async register(input, signal) {
      let groupId = input.groupId;
      if (!groupId) {
        const group = await action<{ GroupId?: string }>('CreateAssetGroup', { Name: input.person, GroupType: 'Person' }, signal);
        if (!group.GroupId)
          throw new ProviderFailure({
            code: 'malformed_response',
            message: 'the Seedance asset library made a group but named no GroupId',
            category: 'provider_internal',
            retryable: false,
            charged: false,
          });
        groupId = group.GroupId;
      }
      const asset = await action<{ AssetId?: string }>('CreateAsset', { GroupId: groupId, AssetType: 'Image', Name: input.person, Url: await dataUri(input.image) }, signal);
      if (!asset.AssetId)
        throw new ProviderFailure({
          code: 'malformed_response',
          message: 'the Seedance asset library took the picture but named no AssetId',
          category: 'provider_internal',
          retryable: false,
          charged: false,
        });
      return { groupId, assetId: asset.AssetId };
    },

    async status(assetId, signal) {
      const a = await action<{ Status?: string; FailureReason?: string }>('GetAsset', { AssetId: assetId }, signal);
      const status = STATUSES.find((s) => s === a.Status) ?? 'Processing';
      return a.FailureReason ? { status, reason: a.FailureReason } : { status };
    },

    async remove(assetId, signal) {
      try {
        await action('DeleteAsset', { AssetId: assetId }, signal);
        return 'deleted';
      } catch (err) {
        if (err instanceof ProviderFailure && /NotFound/.test(err.error.code)) return 'gone';
        throw err;
      }
    },
  };
}
