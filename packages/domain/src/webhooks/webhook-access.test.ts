import { describe, expect, it } from 'vitest';
import type { Actor, Role } from '../identity/access.ts';
import type { OrganisationType } from '../demo-city/organisations.ts';
import { canManageWebhooks } from './webhook-access.ts';

const actor = (organisationId: string, organisationType: OrganisationType, roles: Role[], organisationPath = [organisationId]): Actor => ({
  userId: 'u',
  organisationId,
  organisationType,
  roles,
  areaId: 'jining',
  organisationPath,
  accountManager: false,
  tokenScopes: null,
});

describe('canManageWebhooks', () => {
  it.each([
    ['an admin of the organisation', actor('bank-a', 'bank', ['admin']), 'bank-a', true],
    ['an officer of the organisation', actor('bank-a', 'bank', ['officer', 'approver']), 'bank-a', false],
    ['an admin of another organisation', actor('bank-b', 'bank', ['admin']), 'bank-a', false],
    ['an admin of the head office, for its branch', actor('bank-a', 'bank', ['admin']), 'bank-a-branch', false],
    ['an admin of a branch, for its head office', actor('bank-a-branch', 'bank', ['admin'], ['bank-a-branch', 'bank-a']), 'bank-a', false],
    ['a platform admin', actor('platform', 'platform', ['admin']), 'bank-a', true],
    ['a platform officer', actor('platform', 'platform', ['officer']), 'bank-a', false],
    ['a regulator', actor('pboc', 'regulator', ['admin', 'officer']), 'bank-a', false],
  ] as const)('%s → %s', (_name, who, organisationId, allowed) => {
    expect(canManageWebhooks(who, organisationId)).toBe(allowed);
  });
});
