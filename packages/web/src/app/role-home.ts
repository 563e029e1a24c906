/**
 * Which home page and which menu entries each caller gets, from `GET /api/v1/me`. The server
 * enforces access on every request; this only keeps menus to what the role may use.
 */
import type { z } from 'zod';
import type { meSchema } from '@cfp/contracts';

export type Me = z.infer<typeof meSchema>;

export const homeKinds = ['admin', 'bureau', 'county', 'regulator', 'bank', 'enterprise', 'verifier', 'partner', 'resident', 'other'] as const;
export type HomeKind = (typeof homeKinds)[number];

export function homeKindOf(me: Pick<Me, 'organisation' | 'roles'>): HomeKind {
  switch (me.organisation.type) {
    case 'platform':
      return 'admin';
    case 'government':
      return 'bureau';
    case 'county_government':
      return 'county';
    case 'regulator':
      return 'regulator';
    case 'bank':
    case 'insurer':
    case 'guarantor':
      return 'bank';
    case 'enterprise':
      return 'enterprise';
    case 'verifier':
      return 'verifier';
    case 'partner':
      return 'partner';
    case 'residents':
      return 'resident';
    default:
      return 'other';
  }
}

export const menuKeys = [
  'home',
  'carbonAccount',
  'enterprises',
  'labels',
  'carbonDashboard',
  'supervision',
  'reference',
  'organisations',
  'tokens',
  'audit',
  'jobs',
  'webhooks',
  'consents',
] as const;
export type MenuKey = (typeof menuKeys)[number];

/** The menu entries a caller may use, in display order. */
export function menuFor(me: Pick<Me, 'organisation' | 'roles'>): MenuKey[] {
  const kind = homeKindOf(me);
  const isAdmin = me.roles.includes('admin');
  const platformAdmin = kind === 'admin' && isAdmin;
  const keys: MenuKey[] = ['home'];
  // Carbon accounts: an enterprise sees its own; government bodies, regulators and platform admins
  // the registry and the colour lists; banks, insurers and guarantors the published colour list.
  if (kind === 'enterprise') keys.push('carbonAccount');
  if (platformAdmin || kind === 'bureau' || kind === 'county' || kind === 'regulator') keys.push('enterprises', 'labels');
  // The carbon-account dashboards: city-level government bodies (the whole city) and county governments (their area).
  if (kind === 'bureau' || kind === 'county') keys.push('carbonDashboard');
  // 行动方案督办: every government body, county government and regulator reads the whole plan; platform admins too.
  if (platformAdmin || kind === 'bureau' || kind === 'county' || kind === 'regulator') keys.push('supervision');
  // The factor library (因子库): platform admins publish and recalculate; city-level government bodies read it.
  if (platformAdmin || kind === 'bureau') keys.push('reference');
  if (kind === 'bank') keys.push('labels');
  if (platformAdmin || kind === 'bureau' || kind === 'county' || kind === 'regulator' || (kind === 'bank' && isAdmin)) keys.push('organisations');
  if (isAdmin) keys.push('tokens');
  if (isAdmin || kind === 'regulator') keys.push('audit');
  if (isAdmin) keys.push('jobs');
  // An organisation's admins manage its webhooks (platform admins hold the admin role too).
  if (isAdmin) keys.push('webhooks');
  if (kind === 'enterprise') keys.push('consents');
  return keys;
}

/** Paths of the menu entries. */
export const menuPaths: Record<MenuKey, string> = {
  home: '/home',
  carbonAccount: '/carbon-account',
  enterprises: '/enterprises',
  labels: '/labels',
  carbonDashboard: '/carbon-dashboard',
  supervision: '/supervision',
  reference: '/reference',
  organisations: '/organisations',
  tokens: '/tokens',
  audit: '/audit',
  jobs: '/jobs',
  webhooks: '/webhooks',
  consents: '/consents',
};

/**
 * The development & reform commission's organisation id. `/api/v1/me` states no capabilities, so
 * the web mirrors the server's rule (enterprise-routes.ts `canManageRegistry`) to show the
 * commission's buttons; the server decides on every request all the same.
 */
export const commissionOrganisationId = 'gov-drc';

/** Drafts and publishes labels, resolves objections: the commission's officers and admins, platform admins. */
export function canManageLabels(me: Pick<Me, 'organisation' | 'roles'>): boolean {
  if (me.organisation.type === 'platform') return me.roles.includes('admin');
  return me.organisation.id === commissionOrganisationId && (me.roles.includes('officer') || me.roles.includes('admin'));
}

/** Banks, insurers and guarantors: they read an enterprise's data only under its consent, stating a purpose. */
export function isFinancialInstitution(me: Pick<Me, 'organisation'>): boolean {
  return me.organisation.type === 'bank' || me.organisation.type === 'insurer' || me.organisation.type === 'guarantor';
}

/** Writes an enterprise's own data (imports, objections): its officers and admins. */
export function canSubmitForEnterprise(me: Pick<Me, 'organisation' | 'roles'>): boolean {
  return me.organisation.type === 'enterprise' && (me.roles.includes('officer') || me.roles.includes('admin'));
}
