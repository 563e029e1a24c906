import { describe, expect, it } from 'vitest';
import { canAdministerOrganisation, canSeeConsent, canSeeMembersOf, directoryScope, enterpriseDetailAccess, tokenAllows, type Actor, type ConsentView } from './access.ts';

const actor = (over: Partial<Actor>): Actor => ({
  userId: 'u',
  organisationId: 'org',
  organisationType: 'bank',
  roles: ['officer'],
  areaId: 'jining',
  organisationPath: ['org'],
  accountManager: false,
  tokenScopes: null,
  ...over,
});
const sub = actor({ organisationId: 'b-sub', organisationPath: ['b-sub', 'b-branch', 'b-head'] });
const sibling = actor({ organisationId: 'b-sib', organisationPath: ['b-sib', 'b-branch', 'b-head'] });
const head = actor({ organisationId: 'b-head', organisationPath: ['b-head'], roles: ['admin'] });
const otherBank = actor({ organisationId: 'x-head', organisationPath: ['x-head'] });
const enterprise = { id: 'ent', areaId: 'zoucheng' };
const consent = (over: Partial<ConsentView> = {}): ConsentView => ({
  id: 'c1',
  enterpriseId: 'ent',
  granteeId: 'b-sub',
  granteePath: ['b-sub', 'b-branch', 'b-head'],
  dataScopes: ['profile'],
  purpose: 'pre_loan',
  validFrom: '2024-01-01',
  validTo: '2024-12-31',
  revoked: false,
  ...over,
});
const decide = (a: Actor, options: { consents?: ConsentView[]; today?: string; purpose?: 'pre_loan' | 'post_loan'; dataScope?: 'profile' | 'carbon_account' } = {}) =>
  enterpriseDetailAccess({
    actor: a,
    enterprise,
    dataScope: options.dataScope ?? 'profile',
    purpose: options.purpose ?? 'pre_loan',
    consents: options.consents ?? [consent()],
    assignments: [{ verifierId: 'v1', enterpriseId: 'ent', validFrom: '2024-01-01', validTo: '2024-06-30', revoked: false }],
    today: options.today ?? '2024-06-30',
    detailedDataBureaus: ['drc'],
  });

describe('enterpriseDetailAccess', () => {
  it.each([
    ['the grantee office', sub, {}, 'consent'],
    ['an office above the grantee', head, {}, 'consent'],
    ['a sibling office', sibling, {}, 'no_consent'],
    ['another bank', otherBank, {}, 'no_consent'],
    ['another purpose', sub, { purpose: 'post_loan' as const }, 'no_consent'],
    ['other data', sub, { dataScope: 'carbon_account' as const }, 'no_consent'],
    ['the last day of the term', sub, { today: '2024-12-31' }, 'consent'],
    ['the day after the term', sub, { today: '2025-01-01' }, 'no_consent'],
    ['before the term', sub, { today: '2023-12-31' }, 'no_consent'],
    ['a revoked consent', sub, { consents: [consent({ revoked: true })] }, 'no_consent'],
    ['the enterprise itself', actor({ organisationId: 'ent', organisationType: 'enterprise' }), {}, 'self'],
    ['a verifier while assigned', actor({ organisationId: 'v1', organisationType: 'verifier' }), {}, 'assignment'],
    ['a verifier after the assignment', actor({ organisationId: 'v1', organisationType: 'verifier' }), { today: '2024-07-01' }, 'no_assignment'],
    ['a city bureau with detailed data', actor({ organisationId: 'drc', organisationType: 'government' }), {}, 'government'],
    ['the finance bureau', actor({ organisationId: 'finance', organisationType: 'government' }), {}, 'not_entitled'],
    ['the county of the enterprise', actor({ organisationId: 'zc', organisationType: 'county_government', areaId: 'zoucheng' }), {}, 'government'],
    ['another county', actor({ organisationId: 'qf', organisationType: 'county_government', areaId: 'qufu' }), {}, 'out_of_area'],
    ['a regulator', actor({ organisationType: 'regulator' }), {}, 'regulator'],
    ['a partner', actor({ organisationType: 'partner' }), {}, 'not_entitled'],
    ['a resident', actor({ organisationType: 'residents' }), {}, 'not_entitled'],
  ])('%s → %s', (_name, who, options, expected) => {
    const d = decide(who, options);
    expect(d.allowed ? d.basis : d.reason).toBe(expected);
  });
});

describe('hierarchy, directory and token rules', () => {
  it('administering: own tree for admins, never a sibling or another bank', () => {
    expect(canAdministerOrganisation(head, ['b-sub', 'b-branch', 'b-head'])).toBe(true);
    expect(canAdministerOrganisation(sub, ['b-sub', 'b-branch', 'b-head'])).toBe(false); // an officer, not an admin
    expect(canAdministerOrganisation({ ...sibling, roles: ['admin'] }, ['b-sub', 'b-branch', 'b-head'])).toBe(false);
    expect(canAdministerOrganisation({ ...otherBank, roles: ['admin'] }, ['b-head'])).toBe(false);
    expect(canAdministerOrganisation(actor({ organisationType: 'platform', roles: ['admin'] }), ['anything'])).toBe(true);
  });

  it('members see colleagues, residents do not see each other', () => {
    expect(canSeeMembersOf(sub, ['b-sub', 'b-branch', 'b-head'])).toBe(true);
    expect(canSeeMembersOf(sibling, ['b-sub', 'b-branch', 'b-head'])).toBe(false);
    expect(canSeeMembersOf(actor({ organisationId: 'res', organisationType: 'residents', organisationPath: ['res'] }), ['res'])).toBe(false);
  });

  it('consents are visible along the branch line, to the enterprise and regulators', () => {
    expect(canSeeConsent(sub, consent())).toBe(true);
    expect(canSeeConsent(head, consent())).toBe(true);
    expect(canSeeConsent(sibling, consent())).toBe(false);
    expect(canSeeConsent(actor({ organisationId: 'ent', organisationType: 'enterprise' }), consent())).toBe(true);
    expect(canSeeConsent(actor({ organisationType: 'regulator' }), consent())).toBe(true);
  });

  it('counties see their own area of the directory; the city sees all', () => {
    expect(directoryScope(actor({ organisationType: 'county_government', areaId: 'zoucheng' }))).toEqual({ kind: 'area', areaId: 'zoucheng' });
    expect(directoryScope(actor({ organisationType: 'government', areaId: 'jining' }))).toEqual({ kind: 'all' });
    expect(directoryScope(sub)).toEqual({ kind: 'all' });
  });

  it('tokens: read for reads, write for writes (write implies read); sessions may do both', () => {
    expect(tokenAllows(actor({ tokenScopes: ['read'] }), 'read')).toBe(true);
    expect(tokenAllows(actor({ tokenScopes: ['read'] }), 'write')).toBe(false);
    expect(tokenAllows(actor({ tokenScopes: ['write'] }), 'read')).toBe(true);
    expect(tokenAllows(actor({ tokenScopes: ['partner:bus'] }), 'read')).toBe(false);
    expect(tokenAllows(actor({ tokenScopes: null }), 'write')).toBe(true);
  });
});
