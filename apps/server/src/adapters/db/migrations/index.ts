/** The ordered list of migrations, one numbered file each; the same set runs on SQLite and PostgreSQL. */
import type { Migration } from 'kysely';
import * as m0001 from './0001-foundation.ts';
import * as m0002 from './0002-scenes-shots.ts';
import * as m0003 from './0003-references.ts';
import * as m0004 from './0004-takes.ts';
import * as m0005 from './0005-review.ts';
import * as m0006 from './0006-audit-v2.ts';
import * as m0007 from './0007-shared-work.ts';
import * as m0008 from './0008-sign-in-limits.ts';
import * as m0009 from './0009-revisions.ts';
import * as m0010 from './0010-home.ts';
import * as m0011 from './0011-review-reasons.ts';
import * as m0012 from './0012-consent-changes.ts';
import * as m0013 from './0013-provider-keys.ts';
import * as m0014 from './0014-likeness-assets.ts';
import * as m0015 from './0015-price-catalog.ts';
import * as m0016 from './0016-spend-limits.ts';
import * as m0017 from './0017-sign-off.ts';
import * as m0018 from './0018-take-search.ts';
import * as m0019 from './0019-spend-export.ts';
import * as m0020 from './0020-provider-slots.ts';
import * as m0021 from './0021-dailies.ts';
import * as m0024 from './0024-comfyui-workflows.ts';
import * as m0027 from './0027-dailies-report.ts';
import * as m0028 from './0028-retention.ts';
import * as m0029 from './0029-reconcile.ts';

export const migrations: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-scenes-shots': m0002,
  '0003-references': m0003,
  '0004-takes': m0004,
  '0005-review': m0005,
  '0006-audit-v2': m0006,
  '0007-shared-work': m0007,
  '0008-sign-in-limits': m0008,
  '0009-revisions': m0009,
  '0010-home': m0010,
  '0011-review-reasons': m0011,
  '0012-consent-changes': m0012,
  '0013-provider-keys': m0013,
  '0014-likeness-assets': m0014,
  '0015-price-catalog': m0015,
  '0016-spend-limits': m0016,
  '0017-sign-off': m0017,
  '0018-take-search': m0018,
  '0019-spend-export': m0019,
  '0020-provider-slots': m0020,
  '0021-dailies': m0021,
  '0024-comfyui-workflows': m0024,
  '0027-dailies-report': m0027,
  '0028-retention': m0028,
  '0029-reconcile': m0029,
};
