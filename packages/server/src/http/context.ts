/** What every request handler can reach: its request id, language and logger, and the platform. */
import type { Language } from '@cfp/contracts';
import type { Database } from '@cfp/db';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import type { JobRunner } from '../jobs/job-runner.ts';
import type { ApiTokenRow, OrganisationPathRow, UserRow } from '@cfp/db';
import type { Actor } from '@cfp/domain';
import type { FieldCipher } from '../security/field-cipher.ts';

export interface Platform {
  config: Config;
  db: Database;
  clock: Clock;
  logger: Logger;
  jobs: JobRunner;
  fieldCipher: FieldCipher;
  version: string;
}

export interface AppEnv {
  Variables: {
    requestId: string;
    language: Language;
    log: Logger;
    /** Set by the authentication middleware when the caller presented valid credentials. */
    auth: Authenticated | undefined;
    /** What the command did, for its audit entry (modules/audit/command-audit.ts). */
    command: CommandDescription | undefined;
  };
}

/** The caller, as the authentication middleware found them. */
export interface Authenticated {
  actor: Actor;
  user: UserRow;
  /** The caller's organisation (names and level, for /me). */
  organisation: OrganisationPathRow;
  via: { kind: 'session'; sessionId: string; csrfToken: string } | { kind: 'token'; token: ApiTokenRow };
}

/** What a command did, for its audit entry (modules/audit/command-audit.ts). */
export interface CommandDescription {
  action?: string;
  target?: { type: string; id: string } | null;
  before?: unknown;
  after?: unknown;
  /** For commands that establish who the caller is (sign-in). */
  actor?: { userId: string | null; organisationId: string | null };
}
