/**
 * Who manages an organisation's webhooks and sees its deliveries: that organisation's admins, and
 * platform admins. Nobody else — not the offices above a branch, not the organisation's officers.
 *
 * @example
 * canManageWebhooks(bankAdmin, bankAdmin.organisationId) // true
 * canManageWebhooks(bankAdmin, 'bank-zhusi')             // false
 */
import { hasRole, isPlatformAdmin, type Actor } from '../identity/access.ts';

export function canManageWebhooks(actor: Actor, organisationId: string): boolean {
  return isPlatformAdmin(actor) || (actor.organisationId === organisationId && hasRole(actor, 'admin'));
}
