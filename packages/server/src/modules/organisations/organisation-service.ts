/**
 * Organisations: load → check (domain rules) → save. Creating checks the area, the parent and
 * the bank hierarchy; updating also refuses a stale version and a parent that would make a cycle.
 */
import { randomUUID } from 'node:crypto';
import type { CreateOrganisation, Organisation, UpdateOrganisation } from '@cfp/contracts';
import { canAdministerOrganisation, canCreateOrganisationUnder, checkPlacement, type Actor, type BankLevel, type OrganisationType } from '@cfp/domain';
import { organisationRepository, type OrganisationRow, isUniqueViolation } from '@cfp/db';
import { AppError } from '../../http/app-error.ts';
import type { Platform } from '../../http/context.ts';
import { forgetOrganisationPaths } from '../identity/auth-service.ts';

export function toOrganisation(row: OrganisationRow): Organisation {
  return {
    id: row.id,
    type: row.type as OrganisationType,
    bankLevel: row.bankLevel as BankLevel | null,
    parentId: row.parentId,
    nameZh: row.nameZh,
    nameEn: row.nameEn,
    uscc: row.uscc,
    areaId: row.areaId,
    sector: row.sector,
    isDemo: row.isDemo,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function organisationService(platform: Platform) {
  const repo = organisationRepository(platform.db.orm);

  async function ancestry(parentId: string | null | undefined): Promise<{ parent: OrganisationRow | null; ancestorIds: string[] }> {
    if (!parentId) return { parent: null, ancestorIds: [] };
    const parent = await repo.get(parentId);
    if (!parent) throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'parentId', message: 'no such organisation' }] });
    const ancestorIds = [parent.id];
    let cursor = parent.parentId;
    // The hierarchy is shallow (head → branch → sub-branch); the bound only stops a corrupt loop.
    for (let depth = 0; cursor && depth < 64; depth++) {
      ancestorIds.push(cursor);
      cursor = (await repo.get(cursor))?.parentId ?? null;
    }
    return { parent, ancestorIds };
  }

  async function checkArea(areaId: string): Promise<void> {
    if (!(await repo.getArea(areaId))) throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'areaId', message: 'no such area' }] });
  }

  function assertPlacement(input: Parameters<typeof checkPlacement>[0]): void {
    const issues = checkPlacement(input);
    if (issues.length) throw new AppError('VALIDATION_FAILED', { fields: issues.map((i) => ({ path: i.field, rule: i.rule, message: i.message })) });
  }

  return {
    async create(actor: Actor, input: CreateOrganisation): Promise<Organisation> {
      const id = input.id ?? randomUUID();
      await checkArea(input.areaId);
      const { parent, ancestorIds } = await ancestry(input.parentId);
      if (!canCreateOrganisationUnder(actor, parent ? ancestorIds : null)) throw new AppError('FORBIDDEN');
      assertPlacement({
        id,
        type: input.type,
        bankLevel: input.bankLevel ?? null,
        parent: parent && { id: parent.id, type: parent.type as OrganisationType, bankLevel: parent.bankLevel as BankLevel | null },
        ancestorIds,
      });
      const now = platform.clock.now();
      try {
        const row = await repo.insert({
          id,
          type: input.type,
          bankLevel: input.bankLevel ?? null,
          parentId: input.parentId ?? null,
          nameZh: input.nameZh,
          nameEn: input.nameEn ?? '',
          uscc: input.uscc ?? null,
          areaId: input.areaId,
          sector: input.sector ?? null,
          isDemo: false,
          createdAt: now,
          updatedAt: now,
        });
        return toOrganisation(row);
      } catch (error) {
        if (isUniqueViolation(error, 'uscc')) throw new AppError('ALREADY_EXISTS', { field: 'uscc' });
        if (isUniqueViolation(error, 'pkey')) throw new AppError('ALREADY_EXISTS', { field: 'id' });
        throw error;
      }
    },

    async update(actor: Actor, id: string, input: UpdateOrganisation): Promise<Organisation> {
      const current = await repo.get(id);
      if (!current) throw new AppError('NOT_FOUND');
      const { ancestorIds: above } = await ancestry(current.parentId);
      if (!canAdministerOrganisation(actor, [id, ...above])) throw new AppError('FORBIDDEN');
      if (current.version !== input.version) throw new AppError('VERSION_CONFLICT', { currentVersion: current.version });
      if (input.areaId !== undefined) await checkArea(input.areaId);
      if (input.parentId !== undefined) {
        const { parent, ancestorIds } = await ancestry(input.parentId);
        assertPlacement({
          id,
          type: current.type as OrganisationType,
          bankLevel: current.bankLevel as BankLevel | null,
          parent: parent && { id: parent.id, type: parent.type as OrganisationType, bankLevel: parent.bankLevel as BankLevel | null },
          ancestorIds,
        });
      }
      const { version, ...patch } = input;
      try {
        const row = await repo.update({ id, version, patch, now: platform.clock.now() });
        forgetOrganisationPaths(platform);
        // Someone else updated between our read and write: the version check in SQL caught it.
        if (!row) throw new AppError('VERSION_CONFLICT');
        return toOrganisation(row);
      } catch (error) {
        if (isUniqueViolation(error, 'uscc')) throw new AppError('ALREADY_EXISTS', { field: 'uscc' });
        throw error;
      }
    },
  };
}
