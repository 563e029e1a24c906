/**
 * Who may attach files to a record and who may read them — decided by the record, in one place.
 * Each kind of record in `fileAttachmentTypes` (domain/files) has one rule here; the compiler
 * insists on it. A later module registers its record kind by adding it to that list and its rule
 * to `attachmentRules` below, reusing its own "may this caller see this record" check.
 *
 * - `enterprise`: read like the enterprise's detailed data (profile scope) — `enterpriseAccess`:
 *   the enterprise itself, platform admins, regulators, the bureaus that see detailed data within
 *   their area, an assigned verifier, and a bank, insurer or guarantor under a consent in force
 *   for the purpose it states (each such read is logged for the enterprise). Only the enterprise
 *   itself (its officers and admins) and platform admins attach files to it.
 * - `organisation`: read by its members (and those who may administer it); attached by its admins.
 * - `supervision_task`: an action-plan task's evidence; read by the plan's readers, attached by the
 *   officers of the agencies that write for the task (supervision-access.ts).
 *
 * Refusals disclose nothing: a file the caller may not read is 404, as is a record outside their
 * view. A caller who may see a record but not attach to it gets 403.
 */
import type { Context } from 'hono';
import { consentRepository, identityRepository, organisationRepository, supervisionRepository, type FileRow } from '@cfp/db';
import {
  businessDateOf,
  canAdministerOrganisation,
  canSeeMembersOf,
  directoryScope,
  externalLists,
  hasRole,
  isPlatformAdmin,
  type Actor,
  type ConsentPurpose,
  type ExternalList,
  type FileAttachmentType,
} from '@cfp/domain';
import { AppError } from '../../http/app-error.ts';
import type { AppEnv, Platform } from '../../http/context.ts';
import { enterpriseAccess } from '../identity/consent-routes.ts';
import { canContribute, canManagePlan, canReadPlan, canReport, isOwner } from '../supervision/supervision-access.ts';

export interface AttachmentRule {
  /** Resolves when the caller may attach files to record `id`; throws NOT_FOUND or FORBIDDEN otherwise. */
  mayAttach(options: { actor: Actor; id: string }): Promise<void>;
  /**
   * Resolves when the caller may read the files of record `id`; throws NOT_FOUND, FORBIDDEN or
   * VALIDATION_FAILED (e.g. a bank without a purpose) otherwise. May log the read (consents).
   */
  mayRead(options: { c: Context<AppEnv>; actor: Actor; id: string; purpose: ConsentPurpose | undefined }): Promise<void>;
}

function enterpriseRule(platform: Platform): AttachmentRule {
  const access = enterpriseAccess(platform);
  const orgs = organisationRepository(platform.db.orm);
  return {
    async mayAttach({ actor, id }) {
      const enterprise = await orgs.get(id);
      if (!enterprise || enterprise.type !== 'enterprise') throw new AppError('NOT_FOUND');
      if (isPlatformAdmin(actor)) return;
      // An assigned verifier attaches its verification report to the enterprise's record.
      if (actor.organisationType === 'verifier') {
        const today = businessDateOf(platform.clock.now());
        const assignments = await consentRepository(platform.db.orm).assignmentsFor({ enterpriseId: id, verifierId: actor.organisationId });
        if (assignments.some((a) => a.revokedAt === null && a.validFrom <= today && today <= a.validTo)) return;
        throw new AppError('FORBIDDEN', { reason: 'no_assignment' });
      }
      if (actor.organisationId === enterprise.id) {
        if (hasRole(actor, 'officer') || hasRole(actor, 'admin')) return;
        throw new AppError('FORBIDDEN', { reason: 'role', need: ['officer', 'admin'] });
      }
      const scope = directoryScope(actor);
      if (scope.kind === 'area' && scope.areaId !== enterprise.areaId) throw new AppError('NOT_FOUND');
      throw new AppError('FORBIDDEN', { reason: 'only the enterprise itself attaches files to its record' });
    },
    async mayRead({ c, actor, id, purpose }) {
      await access({ c, actor, enterpriseId: id, dataScope: 'profile', purpose });
    },
  };
}

function organisationRule(platform: Platform): AttachmentRule {
  const ids = identityRepository(platform.db.orm);
  const pathOf = async (id: string) => (await ids.organisationPath(id)).map((p) => p.id);
  return {
    async mayAttach({ actor, id }) {
      const path = await pathOf(id);
      if (path.length === 0) throw new AppError('NOT_FOUND');
      if (canAdministerOrganisation(actor, path)) return;
      if (canSeeMembersOf(actor, path)) throw new AppError('FORBIDDEN', { reason: 'role', need: ['admin'] });
      throw new AppError('NOT_FOUND');
    },
    async mayRead({ actor, id }) {
      const path = await pathOf(id);
      if (path.length === 0 || !canSeeMembersOf(actor, path)) throw new AppError('NOT_FOUND');
    },
  };
}

/**
 * Evidence of an action-plan task (`attachedToId`: the task code in lower case). Readers of the
 * plan read it; the officers of an agency that writes for the task attach to it: a lead or
 * partner, the owner of one of its milestones or manual indicators, or the commission.
 */
function supervisionTaskRule(platform: Platform): AttachmentRule {
  const repo = supervisionRepository(platform.db.orm);
  const taskOf = async (id: string) => {
    const plan = await repo.currentPlan();
    const task = plan ? await repo.task(plan.id, id.toUpperCase()) : undefined;
    if (!plan || !task) throw new AppError('NOT_FOUND');
    return { plan, task };
  };
  return {
    async mayAttach({ actor, id }) {
      if (!canReadPlan(actor)) throw new AppError('NOT_FOUND');
      const { plan, task } = await taskOf(id);
      if (canManagePlan(actor) || canReport(actor, task)) return;
      const milestones = await repo.milestones(plan.id, task.code);
      if (canContribute(actor, task, milestones) || milestones.some((m) => isOwner(actor, m.ownerOrganisationId))) return;
      if ((await repo.indicators(plan.id, task.code)).some((i) => isOwner(actor, i.ownerOrganisationId))) return;
      throw new AppError('FORBIDDEN', { reason: 'only the agencies that write for this task attach evidence to it' });
    },
    async mayRead({ actor, id }) {
      if (!canReadPlan(actor)) throw new AppError('NOT_FOUND');
      await taskOf(id);
    },
  };
}

/** `attachedToId` is the list's name; its importers upload and read. */
function externalListRule(): AttachmentRule {
  const check = (actor: Actor, id: string): void => {
    if (!Object.hasOwn(externalLists, id)) throw new AppError('NOT_FOUND');
    if (isPlatformAdmin(actor)) return;
    if (!(externalLists[id as ExternalList] as readonly string[]).includes(actor.organisationId)) throw new AppError('NOT_FOUND');
  };
  return {
    async mayAttach({ actor, id }) {
      check(actor, id);
    },
    async mayRead({ actor, id }) {
      check(actor, id);
    },
  };
}

export function fileAccess(platform: Platform) {
  const attachmentRules: { readonly [K in FileAttachmentType]: AttachmentRule } = {
    enterprise: enterpriseRule(platform),
    organisation: organisationRule(platform),
    external_list: externalListRule(),
    supervision_task: supervisionTaskRule(platform),
  };
  const ruleFor = (type: string): AttachmentRule | undefined => (Object.hasOwn(attachmentRules, type) ? attachmentRules[type as FileAttachmentType] : undefined);

  return {
    /** Before an upload: may the caller attach a file to this record? */
    async mayAttach(options: { actor: Actor; attachedToType: FileAttachmentType; attachedToId: string }): Promise<void> {
      await attachmentRules[options.attachedToType].mayAttach({ actor: options.actor, id: options.attachedToId });
    },
    /** Listing a record's files: refusals as the record's own rule answers them (403 or 404). */
    async mayReadRecord(options: { c: Context<AppEnv>; actor: Actor; attachedToType: FileAttachmentType; attachedToId: string; purpose: ConsentPurpose | undefined }) {
      await attachmentRules[options.attachedToType].mayRead({ c: options.c, actor: options.actor, id: options.attachedToId, purpose: options.purpose });
    },
    /**
     * One file (metadata or bytes): every refusal is 404, so that a file id discloses nothing.
     * A missing purpose stays 400 — the caller is told what to send, as for the record itself.
     */
    async mayReadFile(options: { c: Context<AppEnv>; actor: Actor; file: FileRow; purpose: ConsentPurpose | undefined }): Promise<void> {
      const rule = ruleFor(options.file.attachedToType);
      if (!rule) throw new AppError('NOT_FOUND');
      try {
        await rule.mayRead({ c: options.c, actor: options.actor, id: options.file.attachedToId, purpose: options.purpose });
      } catch (error) {
        if (error instanceof AppError && ['FORBIDDEN', 'CONSENT_REQUIRED', 'NOT_FOUND'].includes(error.code)) throw new AppError('NOT_FOUND');
        throw error;
      }
    },
  };
}
export type FileAccess = ReturnType<typeof fileAccess>;
