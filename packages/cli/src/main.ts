#!/usr/bin/env node
/**
 * `cfp`: the platform's command line. `npm run -s cfp -- <command>` after `npm install`.
 * Exit codes: 0 done, 1 usage or environment problem (message on stderr), 2 invalid input
 * (the API's error envelope on stdout), 3 `audit verify` found the audit chain broken.
 */
import { parseArgs } from 'node:util';
import { AppError, ConfigError, buildOpenApiDocument, demoLogins, demoPassword, loadConfig, startPlatform } from '@cfp/server';
import { DataDirBusyError, BackupError, MigrationError } from '@cfp/db';
import { CliError, printEnvelope, processIo, printJson, type Io } from './io.ts';
import { calcCommand } from './commands/calc.ts';
import { dbCommand, seedCommand } from './commands/db.ts';
import { auditCommand } from './commands/audit.ts';
import { adminCommand } from './commands/admin.ts';

const usage = `cfp — carbon finance platform 碳金融服务平台

usage: cfp <command>
  serve                       run the API (and web app) — same as npm start
  db migrate                  apply pending database migrations
  db backup <file>            write a backup of every table (works on PGlite and PostgreSQL)
  db restore <file> --yes     replace the database's contents with a backup
  seed --demo                 seed the demo city (never in production mode)
  seed --plan <file.json> [--full-text <file.txt>]
                              load an action plan as the current version (any mode; see README → Action-plan supervision)
  admin create-user --org <id> --username <u> --name <display name> --roles admin,officer
                              create a user (password from CFP_NEW_PASSWORD or stdin; policy outside demo mode)
  audit verify [--head <f>]   recompute the audit chain against the newest exported head (from <f>, a
                              heads.jsonl; else DATA_DIR/audit/heads.jsonl; else the audit_heads table);
                              exit 3 and the first broken entry when it was altered, cut or truncated
  audit head                  print the audit chain's head and the newest exported head
  openapi                     print the OpenAPI 3.1 document
  calc <name> [file|-]        run a calculator on JSON input (stdin with -); 'cfp calc' lists them
       [--jsonl]              one request per input line, one result or error envelope per output line

Configuration comes from the environment (see README → Configuration): DATABASE_URL, DATA_DIR, CFP_MODE, PORT…`;

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      yes: { type: 'boolean', default: false },
      demo: { type: 'boolean', default: false },
      jsonl: { type: 'boolean', default: false },
      head: { type: 'string' },
      org: { type: 'string' },
      username: { type: 'string' },
      name: { type: 'string' },
      roles: { type: 'string' },
      plan: { type: 'string' },
      'full-text': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, ...rest] = positionals;
  if (!command || values.help) {
    io.err(usage);
    return command ? 0 : 1;
  }
  switch (command) {
    case 'calc':
      return calcCommand(io, rest, { jsonl: values.jsonl });
    case 'openapi':
      printJson(io, buildOpenApiDocument());
      return 0;
    case 'serve':
      return serve(io);
    case 'db':
      return dbCommand(io, loadConfig(), rest, { yes: values.yes });
    case 'admin':
      return adminCommand(io, loadConfig(), rest, values);
    case 'audit':
      return auditCommand(io, loadConfig(), rest, { head: values.head });
    case 'seed':
      return seedCommand(io, loadConfig(), { demo: values.demo, plan: values.plan, fullText: values['full-text'] });
    default:
      throw new CliError(`unknown command ${command}\n\n${usage}`);
  }
}

/** The demo logins, grouped by organisation, as a newcomer needs them. */
function demoBanner(): string[] {
  const names = demoLogins.map((l) => l.username);
  const lines: string[] = [];
  for (let i = 0; i < names.length; i += 6) lines.push(`               ${names.slice(i, i + 6).join(', ')}`);
  return ['  demo city  示例 data for Jining (济宁); demo logins, password ' + demoPassword + ':', ...lines];
}

async function serve(io: Io): Promise<number> {
  const config = loadConfig();
  const platform = await startPlatform({ config });
  const url = `http://${config.host === '0.0.0.0' || config.host === '127.0.0.1' ? 'localhost' : config.host}:${platform.port}`;
  io.err(
    [
      '',
      `  碳金融服务平台 Carbon finance platform ${platform.version} — ${config.mode} mode, ${platform.db.kind === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL'}`,
      `  API        ${url}/api/v1`,
      `  API docs   ${url}/api/docs`,
      `  health     ${url}/api/health`,
      ...(config.mode === 'demo' ? demoBanner() : []),
      '',
    ].join('\n'),
  );
  await new Promise<void>((resolve) => {
    const shutdown = (signal: string) => {
      platform.logger.info({ signal }, 'shutting down');
      void platform.stop().then(resolve, resolve);
    };
    process.once('SIGINT', () => shutdown('SIGINT'));
    process.once('SIGTERM', () => shutdown('SIGTERM'));
  });
  return 0;
}

export async function runCli(argv: string[], io: Io = processIo): Promise<number> {
  try {
    return await main(argv, io);
  } catch (error) {
    if (error instanceof AppError) return printEnvelope(io, error.code, error.details);
    if (error instanceof CliError || error instanceof ConfigError || error instanceof DataDirBusyError || error instanceof MigrationError || error instanceof BackupError) {
      io.err(`cfp: ${error.message}`);
      return error instanceof CliError ? error.exitCode : 1;
    }
    if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`cfp: ${(error as Error).message}\n\n${usage}`);
      return 1;
    }
    io.err(`cfp: unexpected failure: ${(error as Error).stack ?? String(error)}`);
    return 1;
  }
}

const invokedDirectly = process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '');
if (invokedDirectly) process.exitCode = await runCli(process.argv.slice(2));
