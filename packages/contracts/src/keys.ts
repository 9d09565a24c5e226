/**
 * Provider keys on the wire. A key goes in once and never comes back out: answers carry which
 * provider has one, where it comes from (this project or the instance), its last characters, who
 * set it and when, and how its last connection test went.
 */
import { z } from 'zod';
import { PROVIDERS } from './takes.ts';
import { Id } from './schemas.ts';
import { text } from './text.ts';

export const KEY_SCOPES = ['project', 'instance'] as const;
export type KeyScope = (typeof KEY_SCOPES)[number];

export const ProviderKeyParams = z.strictObject({ projectId: Id, provider: z.enum(PROVIDERS) });
export const InstanceProviderKeyParams = z.strictObject({ provider: z.enum(PROVIDERS) });

export const SetProviderKeyInput = z.strictObject({
  /** The key as the provider issued it (Kling, Higgsfield and fal: `ID:SECRET`; Luma: its Dream Machine key, or `DREAM_MACHINE_KEY:AGENTS_KEY` when Ray 3.2 has its own; Replicate: its API token, `r8_…`). */
  secret: text()
    .trim()
    .min(8, { message: 'is too short to be a provider key' })
    .max(4096, { message: 'is longer than any provider key (4,096 characters at most)' })
    .refine((v) => !/\s/.test(v), { message: 'holds spaces or line breaks; paste the key alone' }),
  /**
   * The provider's asset-API credential, where it has one apart from the key (Seedance: a Volcengine
   * access key id and secret access key, for registering consented faces). Sealed like the key.
   */
  assetKey: z
    .strictObject({
      accessKeyId: text()
        .trim()
        .min(8, { message: 'is too short to be an access key id' })
        .max(256)
        .refine((v) => !/\s/.test(v), { message: 'holds spaces' }),
      secretAccessKey: text()
        .trim()
        .min(8, { message: 'is too short to be a secret access key' })
        .max(1024)
        .refine((v) => !/\s/.test(v), { message: 'holds spaces' }),
    })
    .optional(),
});
export type SetProviderKeyInput = z.infer<typeof SetProviderKeyInput>;

export const ConnectionTest = z.object({ at: z.string(), ok: z.boolean(), message: z.string() });
export type ConnectionTest = z.infer<typeof ConnectionTest>;

/** One provider's key as people may see it: never the key. */
export const ProviderKey = z.object({
  provider: z.enum(PROVIDERS),
  scope: z.enum(KEY_SCOPES),
  /** The key's last four characters, after an ellipsis. */
  hint: z.string(),
  /** The asset credential's access key id, shortened, when one was set with the key. */
  assetKeyHint: z.string().nullable(),
  setBy: z.string(),
  setAt: z.string(),
  lastTest: ConnectionTest.nullable(),
});
export type ProviderKey = z.infer<typeof ProviderKey>;

/** Per provider that needs a key: the key in force (the project's own, else the instance's), if any. */
export const ProviderKeyStatus = z.object({
  provider: z.enum(PROVIDERS),
  /** The key generation would use now. */
  inForce: ProviderKey.nullable(),
  /** The project's own key, when it has one (it wins over the instance's). */
  project: ProviderKey.nullable(),
  /** Whether the instance has a key for this provider. */
  instanceKey: z.boolean(),
});
export type ProviderKeyStatus = z.infer<typeof ProviderKeyStatus>;

export const ProviderKeyList = z.object({
  /** Whether the operator configured the key that seals provider keys (BACKLOT_SECRET_KEY). */
  sealing: z.boolean(),
  providers: z.array(ProviderKeyStatus),
});
export type ProviderKeyList = z.infer<typeof ProviderKeyList>;

export const InstanceProviderKeyList = z.object({ sealing: z.boolean(), keys: z.array(ProviderKey), providers: z.array(z.enum(PROVIDERS)) });
export type InstanceProviderKeyList = z.infer<typeof InstanceProviderKeyList>;
