/**
 * Who sees what (ARCHITECTURE.md), as pure decisions over an actor and a resource. Services ask
 * these questions and turn the answers into data-level filters; route guards alone are never
 * enough. Nothing here reads the database or the clock: callers pass what is needed, `today`
 * included (a business date in Asia/Shanghai).
 *
 * @example
 * enterpriseDetailAccess({ actor: bankUser, enterprise, dataScope: 'profile', purpose: 'pre_loan', consents, assignments: [], today: '2024-06-30' })
 * // { allowed: true, basis: 'consent', consentId: 'c-1' } while a matching consent is in force
 */
import type { OrganisationType } from '../demo-city/organisations.ts';

export const roles = ['viewer', 'officer', 'approver', 'admin'] as const;
export type Role = (typeof roles)[number];

export const consentDataScopes = ['carbon_account', 'account_report', 'profile'] as const;
export type ConsentDataScope = (typeof consentDataScopes)[number];
export const consentPurposes = ['pre_loan', 'post_loan', 'guarantee'] as const;
export type ConsentPurpose = (typeof consentPurposes)[number];

/** The city-wide area id: government users scoped to it see the whole city. */
export const cityAreaId = 'jining';

export interface Actor {
  userId: string;
  organisationId: string;
  organisationType: OrganisationType;
  roles: readonly Role[];
  /** The area the actor acts for: the city, or one county-level division or zone. */
  areaId: string;
  /** The actor's organisation first, then its ancestors (sub-branch → branch → head). */
  organisationPath: readonly string[];
  accountManager: boolean;
  /** Scopes of the API token used; null when signed in with a session (then roles alone decide). */
  tokenScopes: readonly string[] | null;
}

export interface ConsentView {
  id: string;
  enterpriseId: string;
  granteeId: string;
  /** The grantee, then its ancestors: offices above the grantee may use its consents too. */
  granteePath: readonly string[];
  dataScopes: readonly string[];
  purpose: string;
  validFrom: string;
  validTo: string;
  revoked: boolean;
}

export interface AssignmentView {
  verifierId: string;
  enterpriseId: string;
  validFrom: string;
  validTo: string;
  revoked: boolean;
}

export const hasRole = (actor: Actor, role: Role): boolean => actor.roles.includes(role);
export const isPlatformAdmin = (actor: Actor): boolean => actor.organisationType === 'platform' && hasRole(actor, 'admin');
const financialTypes: readonly OrganisationType[] = ['bank', 'insurer', 'guarantor'];
export const isFinancialInstitution = (actor: Actor): boolean => financialTypes.includes(actor.organisationType);

/** Token scopes: `read` lets a token read, `write` lets it change; a session has both. */
export function tokenAllows(actor: Actor, need: 'read' | 'write'): boolean {
  return actor.tokenScopes === null || actor.tokenScopes.includes(need) || (need === 'read' && actor.tokenScopes.includes('write'));
}

/**
 * The organisation directory (names, codes, areas, sectors — public registry facts). County
 * governments and zone committees see their own area only; everyone else the whole city.
 */
export function directoryScope(actor: Actor): { kind: 'all' } | { kind: 'area'; areaId: string } {
  if (actor.organisationType === 'county_government' || (actor.organisationType === 'government' && actor.areaId !== cityAreaId)) return { kind: 'area', areaId: actor.areaId };
  return { kind: 'all' };
}

/** True when `targetPath` (target first, then its ancestors) lies at or under the actor's organisation. */
export function isWithinActorTree(actor: Actor, targetPath: readonly string[]): boolean {
  return targetPath.includes(actor.organisationId);
}

/** Managing an organisation's users and tokens: its admins, admins above it in a hierarchy, platform admins. */
export function canAdministerOrganisation(actor: Actor, targetPath: readonly string[]): boolean {
  return isPlatformAdmin(actor) || (hasRole(actor, 'admin') && isWithinActorTree(actor, targetPath));
}

/** Seeing an organisation's users: its members, and anyone who may administer it — but residents
 * are not colleagues: one resident never sees another. */
export function canSeeMembersOf(actor: Actor, targetPath: readonly string[]): boolean {
  return canAdministerOrganisation(actor, targetPath) || (actor.organisationId === targetPath[0] && actor.organisationType !== 'residents');
}

/** Creating organisations: platform admins anywhere; an institution's admins below themselves. */
export function canCreateOrganisationUnder(actor: Actor, parentPath: readonly string[] | null): boolean {
  if (isPlatformAdmin(actor)) return true;
  return parentPath !== null && hasRole(actor, 'admin') && isWithinActorTree(actor, parentPath);
}

/** The actor is the grantee, an office under it, or an office above it — never a sibling. */
function sameBranchLine(actor: Actor, consent: Pick<ConsentView, 'granteeId' | 'granteePath'>): boolean {
  return actor.organisationPath.includes(consent.granteeId) || consent.granteePath.includes(actor.organisationId);
}

export function isConsentInForce(consent: ConsentView, today: string): boolean {
  return !consent.revoked && consent.validFrom <= today && today <= consent.validTo;
}

export type DetailAccess =
  | { allowed: true; basis: 'self' | 'platform' | 'government' | 'regulator' | 'assignment'; consentId?: undefined }
  | { allowed: true; basis: 'consent'; consentId: string }
  | { allowed: false; reason: 'no_consent' | 'out_of_area' | 'not_entitled' | 'no_assignment' };

/**
 * An enterprise's detailed data (profile, carbon account, account report). The enterprise itself;
 * platform admins; the ecology, development and industry bureaus within their area (the finance
 * bureau sees labels and screening results, not detailed energy data); the regulators; a
 * verifier while assigned; a bank, insurer or guarantor only under a consent in force that names
 * the data and the purpose, granted to its own office or one in its branch line (above or below).
 */
export function enterpriseDetailAccess(options: {
  actor: Actor;
  enterprise: { id: string; areaId: string };
  dataScope: ConsentDataScope;
  purpose?: ConsentPurpose | undefined;
  consents: readonly ConsentView[];
  assignments: readonly AssignmentView[];
  today: string;
  /** government organisation ids that see detailed data (not the finance bureau) */
  detailedDataBureaus?: readonly string[];
}): DetailAccess {
  const { actor, enterprise, today } = options;
  if (actor.organisationId === enterprise.id) return { allowed: true, basis: 'self' };
  if (isPlatformAdmin(actor)) return { allowed: true, basis: 'platform' };
  if (actor.organisationType === 'regulator') return { allowed: true, basis: 'regulator' };
  if (actor.organisationType === 'government' || actor.organisationType === 'county_government') {
    if (options.detailedDataBureaus && actor.organisationType === 'government' && !options.detailedDataBureaus.includes(actor.organisationId))
      return { allowed: false, reason: 'not_entitled' };
    if (actor.areaId !== cityAreaId && actor.areaId !== enterprise.areaId) return { allowed: false, reason: 'out_of_area' };
    return { allowed: true, basis: 'government' };
  }
  if (actor.organisationType === 'verifier') {
    const assigned = options.assignments.some(
      (a) => a.verifierId === actor.organisationId && a.enterpriseId === enterprise.id && !a.revoked && a.validFrom <= today && today <= a.validTo,
    );
    return assigned ? { allowed: true, basis: 'assignment' } : { allowed: false, reason: 'no_assignment' };
  }
  if (isFinancialInstitution(actor)) {
    const consent = options.consents.find(
      (c) =>
        c.enterpriseId === enterprise.id &&
        sameBranchLine(actor, c) &&
        c.dataScopes.includes(options.dataScope) &&
        (options.purpose === undefined || c.purpose === options.purpose) &&
        isConsentInForce(c, today),
    );
    return consent ? { allowed: true, basis: 'consent', consentId: consent.id } : { allowed: false, reason: 'no_consent' };
  }
  return { allowed: false, reason: 'not_entitled' };
}

/** A consent is visible to its enterprise, to the grantee's branch line, to regulators and platform admins. */
export function canSeeConsent(actor: Actor, consent: Pick<ConsentView, 'enterpriseId' | 'granteeId' | 'granteePath'>): boolean {
  return actor.organisationId === consent.enterpriseId || sameBranchLine(actor, consent) || actor.organisationType === 'regulator' || isPlatformAdmin(actor);
}
