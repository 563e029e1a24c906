/** Residents' personal data: encrypted at rest, masked in answers, unmasked only for the person
 * and platform administrators, and every unmasked view in the audit trail. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPlatform, type TestPlatform } from '../../testing/test-platform.ts';
import { residentsOrganisationId } from '../../seed/demo-users.ts';

let t: TestPlatform;
let residentId: string;
beforeAll(async () => {
  t = await testPlatform();
  const [row] = await t.db.query<{ id: string }>(`select id from users where username = 'resident1'`);
  residentId = row!.id;
});
afterAll(() => t.close());

type User = { id: string; phone: string | null };
const auditCount = async () => Number((await t.db.query<{ n: string }>(`select count(*) as n from audit_entries where action = 'personal-data.view'`))[0]!.n);

describe('personal data', () => {
  it('is stored encrypted with a key id, and found through its keyed index', async () => {
    const [row] = await t.db.query<{ phone_enc: string; phone_index: string; real_name_enc: string }>(`select phone_enc, phone_index, real_name_enc from users where id = $1`, [
      residentId,
    ]);
    expect(row!.phone_enc).toMatch(/^v1\.a256g\.t1\./);
    expect(row!.phone_enc).not.toContain('13800000001');
    expect(row!.real_name_enc).not.toContain('李');
    expect(row!.phone_index).toBe(t.platform.fieldCipher.blindIndex('+86 138 0000 0001', 'phone'));
  });

  it('is masked in every ordinary answer', async () => {
    const own = await t.as('resident1')<User>('GET', `/api/v1/users/${residentId}`);
    expect(own.body.phone).toBe('138****0001');
    const list = await t.api<{ items: User[] }>('GET', `/api/v1/organisations/${residentsOrganisationId}/users`);
    expect(list.body.items.find((u) => u.id === residentId)?.phone).toBe('138****0001');
    expect(JSON.stringify(list.body)).not.toContain('13800000001');
    // Residents are not colleagues: a resident cannot list the others.
    expect((await t.as('resident1')('GET', `/api/v1/organisations/${residentsOrganisationId}/users`)).status).toBe(404);
  });

  it('is shown unmasked to the person and platform admins, each view audited', async () => {
    const before = await auditCount();
    const own = await t.as('resident1')<{ phone: string; realName: string }>('GET', `/api/v1/users/${residentId}/personal-data`);
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ phone: '13800000001', realName: '李示例' });
    expect(own.headers.get('cache-control')).toBe('no-store');
    expect((await t.api('GET', `/api/v1/users/${residentId}/personal-data`)).status).toBe(200);
    expect(await auditCount()).toBe(before + 2);
    const [entry] = await t.db.query<{ target_id: string; actor_user_id: string }>(
      `select target_id, actor_user_id from audit_entries where action = 'personal-data.view' order by seq desc limit 1`,
    );
    expect(entry!.target_id).toBe(residentId);
  });

  it('is refused to everyone else, with nothing audited', async () => {
    const before = await auditCount();
    for (const who of ['drc', 'bank1', 'partner-bus', 'enterprise1']) {
      const response = await t.as(who)<{ error: { code: string } }>('GET', `/api/v1/users/${residentId}/personal-data`);
      expect(response.status, who).toBe(404);
      expect(JSON.stringify(response.body)).not.toContain('138');
    }
    expect(await auditCount()).toBe(before);
  });
});
