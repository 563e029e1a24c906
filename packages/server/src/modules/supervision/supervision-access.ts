/**
 * Who may do what in action-plan supervision: every government body, county government and
 * regulator (and platform administrators) reads the whole plan; the commission (发展改革委, as for
 * the enterprise registry) manages milestones, indicators and reviews; only a task's lead agencies
 * write its reports; partners — and county governments the commission assigned a milestone of
 * the task — contribute to them. Writers need the officer or admin role.
 */
import { hasRole, isPlatformAdmin, type Actor } from '@cfp/domain';
import type { SupervisionMilestoneRow, SupervisionTaskRow } from '@cfp/db';
import { AppError } from '../../http/app-error.ts';
import { canManageRegistry } from '../carbon-accounts/enterprise-routes.ts';

const readerTypes = new Set(['government', 'county_government', 'regulator']);

export function canReadPlan(actor: Actor): boolean {
  return isPlatformAdmin(actor) || readerTypes.has(actor.organisationType);
}

export function assertCanRead(actor: Actor): void {
  if (!canReadPlan(actor)) throw new AppError('FORBIDDEN', { reason: 'the action plan is for government bodies, county governments and regulators' });
}

/** The commission: milestones, indicators, reviews, reminders. */
export function canManagePlan(actor: Actor): boolean {
  return canManageRegistry(actor);
}

export function assertCanManage(actor: Actor): void {
  if (!canManagePlan(actor)) throw new AppError('FORBIDDEN', { reason: 'the development & reform commission manages milestones, indicators and reviews' });
}

const writes = (actor: Actor): boolean => hasRole(actor, 'officer') || hasRole(actor, 'admin');

export function isLeadOf(actor: Actor, task: Pick<SupervisionTaskRow, 'leads'>): boolean {
  return task.leads.some((l) => l.organisationId === actor.organisationId);
}

/** A lead agency's officer writes the task's reports. */
export function canReport(actor: Actor, task: Pick<SupervisionTaskRow, 'leads'>): boolean {
  return writes(actor) && isLeadOf(actor, task);
}

/** A partner agency, or a county government owning a milestone of the task. */
export function canContribute(actor: Actor, task: Pick<SupervisionTaskRow, 'partners'>, milestones: readonly Pick<SupervisionMilestoneRow, 'ownerOrganisationId'>[]): boolean {
  if (!writes(actor)) return false;
  if (task.partners.some((p) => p.organisationId === actor.organisationId)) return true;
  return actor.organisationType === 'county_government' && milestones.some((m) => m.ownerOrganisationId === actor.organisationId);
}

/** The owner of a milestone (or of a manual indicator) records its progress. */
export function isOwner(actor: Actor, ownerOrganisationId: string | null): boolean {
  return writes(actor) && ownerOrganisationId !== null && ownerOrganisationId === actor.organisationId;
}
