/**
 * Creating users, shared by the API (after its authorisation check) and `cfp admin create-user`
 * (the operator's bootstrap). Outside demo mode the password policy applies.
 */
import { randomUUID } from 'node:crypto';
import { identityRepository, organisationRepository, type Database, type UserRow } from '@cfp/db';
import type { Role } from '@cfp/domain';
import { AppError } from '../../http/app-error.ts';
import type { Mode } from '../../config.ts';
import { hashPassword, meetsPasswordPolicy } from './passwords.ts';

export interface NewUser {
  organisationId: string;
  username: string;
  displayName: string;
  password: string;
  roles: Role[];
  areaId?: string | null | undefined;
  accountManager?: boolean | undefined;
}

export async function createUser(options: { db: Database; mode: Mode; now: Date; input: NewUser }): Promise<UserRow> {
  const { input } = options;
  const repo = identityRepository(options.db.orm);
  const orgs = organisationRepository(options.db.orm);
  if (!(await orgs.get(input.organisationId))) throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'organisationId', message: 'no such organisation' }] });
  if (options.mode === 'production' && !meetsPasswordPolicy({ password: input.password, username: input.username })) throw new AppError('PASSWORD_POLICY');
  if (input.areaId && !(await orgs.getArea(input.areaId))) throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'areaId', message: 'no such area' }] });
  if (await repo.userByUsername(input.username)) throw new AppError('ALREADY_EXISTS', { field: 'username' });
  return repo.insertUser({
    id: randomUUID(),
    organisationId: input.organisationId,
    username: input.username,
    displayName: input.displayName,
    passwordHash: await hashPassword(input.password),
    roles: input.roles,
    areaId: input.areaId ?? null,
    accountManager: input.accountManager ?? false,
    createdAt: options.now,
    updatedAt: options.now,
  });
}
