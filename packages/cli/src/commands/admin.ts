/**
 * `cfp admin create-user --org <id> --username <name> --name <display name> --roles admin,officer`:
 * the operator's way to create the first administrators. The password is read from the
 * CFP_NEW_PASSWORD environment variable or the first line of standard input — never from the
 * command line, where other users of the machine could read it.
 */
import { migrate } from '@cfp/db';
import { roles, type Role } from '@cfp/domain';
import { bootstrapAreas, createUser, systemClock, type Config } from '@cfp/server';
import { CliError, type Io, printJson } from '../io.ts';
import { withDatabase } from './db.ts';

export async function adminCommand(
  io: Io,
  config: Config,
  args: string[],
  flags: { org?: string | undefined; username?: string | undefined; name?: string | undefined; roles?: string | undefined },
): Promise<number> {
  if (args[0] !== 'create-user')
    throw new CliError('usage: cfp admin create-user --org <organisation id> --username <name> --name <display name> --roles admin,officer  (password: CFP_NEW_PASSWORD or stdin)');
  const missing = (['org', 'username', 'name', 'roles'] as const).filter((k) => !flags[k]);
  if (missing.length) throw new CliError(`cfp admin create-user needs ${missing.map((m) => `--${m}`).join(', ')}`);
  const wanted = flags.roles!.split(',').map((r) => r.trim());
  const unknown = wanted.filter((r) => !roles.includes(r as Role));
  if (unknown.length) throw new CliError(`unknown role ${unknown.join(', ')}; roles: ${roles.join(', ')}`);
  const password = process.env.CFP_NEW_PASSWORD ?? io.readInput('-').split(/\r?\n/)[0] ?? '';
  if (!password) throw new CliError('no password: set CFP_NEW_PASSWORD or pipe it on standard input');
  const user = await withDatabase(config, 'cfp admin create-user', async (db) => {
    await migrate(db);
    await bootstrapAreas(db, systemClock.now());
    return createUser({
      db,
      mode: config.mode,
      now: systemClock.now(),
      input: { organisationId: flags.org!, username: flags.username!.toLowerCase(), displayName: flags.name!, password, roles: wanted as Role[] },
    });
  });
  printJson(io, { id: user.id, username: user.username, organisationId: user.organisationId, roles: user.roles });
  return 0;
}
