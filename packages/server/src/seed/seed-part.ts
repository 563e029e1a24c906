/** A module's contribution to the demo city (see demo-seed.ts). */
import type { Database } from '@cfp/db';

export interface SeedContext {
  db: Database;
  now: Date;
  /** Bulk parts report their own progress, 0–100, within the part. */
  progress(percent: number, message?: string): Promise<void>;
}

export interface SeedPart {
  /** Stable name, recorded in seed_parts; bump `version` when a part adds data to an existing seed. */
  name: string;
  version: number;
  phase: 'essential' | 'bulk';
  /** Shown in the job's progress message. */
  label: string;
  run(ctx: SeedContext): Promise<void>;
}
