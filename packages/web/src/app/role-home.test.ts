import { describe, expect, it } from 'vitest';
import { homeKindOf, menuFor, type Me } from './role-home.ts';

const caller = (type: Me['organisation']['type'], roles: Me['roles']) => ({ organisation: { type } as Me['organisation'], roles });

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
    expect(menuFor(caller('platform', ['admin', 'officer']))).toEqual(['home', 'organisations', 'tokens', 'audit', 'jobs', 'webhooks']);
    expect(menuFor(caller('regulator', ['officer']))).toEqual(['home', 'organisations', 'audit']);
    expect(menuFor(caller('bank', ['officer']))).toEqual(['home']);
    expect(menuFor(caller('bank', ['officer', 'admin']))).toEqual(['home', 'organisations', 'tokens', 'audit', 'jobs', 'webhooks']);
    expect(menuFor(caller('enterprise', ['officer']))).toEqual(['home', 'consents']);
    expect(menuFor(caller('residents', ['viewer']))).toEqual(['home']);
  });
});
