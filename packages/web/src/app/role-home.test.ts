import { describe, expect, it } from 'vitest';
import { canManageLabels, canSubmitForEnterprise, homeKindOf, isFinancialInstitution, menuFor, menuKeys, menuPaths, type Me } from './role-home.ts';

const caller = (type: Me['organisation']['type'], roles: Me['roles'], id = 'org-x') => ({ organisation: { type, id } as Me['organisation'], roles });

describe('role homes and menus', () => {
  it.each([
    ['platform', 'admin'],
    ['government', 'bureau'],
    ['county_government', 'county'],
    ['regulator', 'regulator'],
    ['bank', 'bank'],
    ['insurer', 'bank'],
    ['enterprise', 'enterprise'],
    ['verifier', 'verifier'],
    ['partner', 'partner'],
    ['residents', 'resident'],
  ] as const)('%s lands on the %s home', (type, home) => {
    expect(homeKindOf(caller(type, ['officer']))).toBe(home);
  });

  it('shows only what the role may use', () => {
    expect(menuFor(caller('platform', ['admin', 'officer']))).toEqual([
      'home',
      'enterprises',
      'labels',
      'supervision',
      'reference',
      'organisations',
      'tokens',
      'audit',
      'jobs',
      'webhooks',
    ]);
    expect(menuFor(caller('regulator', ['officer']))).toEqual(['home', 'enterprises', 'labels', 'supervision', 'organisations', 'audit']);
    expect(menuFor(caller('bank', ['officer']))).toEqual(['home', 'labels']);
    expect(menuFor(caller('bank', ['officer', 'admin']))).toEqual(['home', 'labels', 'organisations', 'tokens', 'audit', 'jobs', 'webhooks']);
    expect(menuFor(caller('enterprise', ['officer']))).toEqual(['home', 'carbonAccount', 'consents']);
    expect(menuFor(caller('residents', ['viewer']))).toEqual(['home']);
  });

  it.each([
    ['government', ['officer'], true, true, false],
    ['county_government', ['viewer'], true, true, false],
    ['regulator', ['officer'], true, true, false],
    ['platform', ['admin'], true, true, false],
    ['platform', ['officer'], false, false, false],
    ['bank', ['officer', 'approver'], false, true, false],
    ['insurer', ['officer'], false, true, false],
    ['enterprise', ['admin'], false, false, true],
    ['verifier', ['officer'], false, false, false],
  ] as const)('carbon accounts for %s %j: registry %s, labels %s, own account %s', (type, roles, registry, labels, account) => {
    const menu = menuFor(caller(type, [...roles]));
    expect([menu.includes('enterprises'), menu.includes('labels'), menu.includes('carbonAccount')]).toEqual([registry, labels, account]);
  });

  it('the carbon dashboard: city-level government bodies and county governments, no one else', () => {
    expect(menuFor(caller('government', ['officer'])).includes('carbonDashboard')).toBe(true);
    expect(menuFor(caller('county_government', ['viewer'])).includes('carbonDashboard')).toBe(true);
    for (const type of ['platform', 'regulator', 'bank', 'enterprise', 'residents'] as const)
      expect(menuFor(caller(type, ['admin'])).includes('carbonDashboard'), type).toBe(false);
    expect(menuPaths.carbonDashboard).toBe('/carbon-dashboard');
  });

  it('the factor library: platform admins and city-level government bodies', () => {
    expect(menuFor(caller('platform', ['admin'])).includes('reference')).toBe(true);
    expect(menuFor(caller('government', ['officer'])).includes('reference')).toBe(true);
    for (const type of ['county_government', 'regulator', 'bank', 'enterprise'] as const) expect(menuFor(caller(type, ['admin'])).includes('reference'), type).toBe(false);
    expect(menuFor(caller('platform', ['officer'])).includes('reference')).toBe(false);
  });

  it('行动方案督办: government bodies, county governments, regulators and platform admins', () => {
    for (const type of ['government', 'county_government', 'regulator'] as const) expect(menuFor(caller(type, ['viewer'])).includes('supervision'), type).toBe(true);
    expect(menuFor(caller('platform', ['admin'])).includes('supervision')).toBe(true);
    expect(menuFor(caller('platform', ['officer'])).includes('supervision')).toBe(false);
    for (const type of ['bank', 'insurer', 'enterprise', 'verifier', 'partner', 'residents'] as const)
      expect(menuFor(caller(type, ['admin'])).includes('supervision'), type).toBe(false);
    expect(menuPaths.supervision).toBe('/supervision');
  });

  it('every menu key has a path of its own', () => {
    expect(Object.keys(menuPaths).sort()).toEqual([...menuKeys].sort());
    expect(new Set(Object.values(menuPaths)).size).toBe(menuKeys.length);
    expect([menuPaths.carbonAccount, menuPaths.enterprises, menuPaths.labels]).toEqual(['/carbon-account', '/enterprises', '/labels']);
  });

  it('the commission and platform admins manage labels; banks read under consent; enterprises submit their own data', () => {
    expect(canManageLabels(caller('government', ['officer'], 'gov-drc'))).toBe(true);
    expect(canManageLabels(caller('government', ['viewer'], 'gov-drc'))).toBe(false);
    expect(canManageLabels(caller('government', ['officer', 'admin'], 'gov-eeb'))).toBe(false);
    expect(canManageLabels(caller('platform', ['admin']))).toBe(true);
    expect(canManageLabels(caller('county_government', ['admin']))).toBe(false);
    expect([isFinancialInstitution(caller('bank', [])), isFinancialInstitution(caller('guarantor', [])), isFinancialInstitution(caller('regulator', []))]).toEqual([
      true,
      true,
      false,
    ]);
    expect([
      canSubmitForEnterprise(caller('enterprise', ['officer'])),
      canSubmitForEnterprise(caller('enterprise', ['viewer'])),
      canSubmitForEnterprise(caller('bank', ['admin'])),
    ]).toEqual([true, false, false]);
  });
});
