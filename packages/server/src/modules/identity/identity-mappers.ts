/** Rows to API shapes. Personal fields are masked unless the caller may see them in full. */
import type { ApiTokenRow, ConsentRow, UserRow } from '@cfp/db';
import { isConsentInForce, type ConsentDataScope, type ConsentPurpose, type Role } from '@cfp/domain';
import type { Consent, User } from '@cfp/contracts';
import { maskPhone } from '@cfp/domain';
import type { FieldCipher } from '../../security/field-cipher.ts';

/** The phone as screens show it: masked (138****5678); null when none is stored. */
export function maskedPhoneOf(row: UserRow, cipher: FieldCipher): string | null {
  return row.phoneEnc ? maskPhone(cipher.decrypt(row.phoneEnc, `users.phone:${row.id}`)) : null;
}

export function toUser(row: UserRow, options: { phone: string | null }): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    organisationId: row.organisationId,
    roles: row.roles as Role[],
    areaId: row.areaId,
    accountManager: row.accountManager,
    phone: options.phone,
    isDemo: row.isDemo,
    disabled: row.disabledAt !== null,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
  };
}

export function toApiToken(row: ApiTokenRow) {
  return {
    id: row.id,
    userId: row.userId,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes,
    expiresAt: row.expiresAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

export function toConsent(row: ConsentRow, today: string): Consent {
  const view = { ...row, granteePath: [], revoked: row.revokedAt !== null };
  const status = row.revokedAt ? 'revoked' : isConsentInForce(view, today) ? 'active' : today < row.validFrom ? 'scheduled' : 'expired';
  return {
    id: row.id,
    enterpriseId: row.enterpriseId,
    granteeId: row.granteeId,
    dataScopes: row.dataScopes as ConsentDataScope[],
    purpose: row.purpose as ConsentPurpose,
    validFrom: row.validFrom,
    validTo: row.validTo,
    status,
    grantedAt: row.grantedAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    version: row.version,
  };
}
