/** What every request handler can reach: its request id, language and logger, and the platform. */
import type { Language } from '@cfp/contracts';
import type { Database } from '@cfp/db';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import type { JobRunner } from '../jobs/job-runner.ts';

export interface Platform {
  config: Config;
  db: Database;
  clock: Clock;
  logger: Logger;
  jobs: JobRunner;
  version: string;
}

export interface AppEnv {
  Variables: {
    requestId: string;
    language: Language;
    log: Logger;
  };
}
