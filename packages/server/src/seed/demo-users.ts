/**
 * Demo logins (demo mode only): one account per role of the demo city, password
 * `jining-demo-2024`, plus bank offices at each level of one bank's hierarchy and a county user,
 * so that every "who sees what" rule can be tried by hand. The password is hashed once per seed.
 */
import { randomUUID } from 'node:crypto';
import { identityRepository, organisationRepository } from '@cfp/db';
import { cityAreaId, demoIds, type Role } from '@cfp/domain';
import { hashPassword } from '../modules/identity/passwords.ts';
import type { FieldCipher } from '../security/field-cipher.ts';
import type { SeedPart } from './seed-part.ts';

export const demoPassword = 'jining-demo-2024';
export const residentsOrganisationId = 'residents-jining';

interface DemoLogin {
  username: string;
  organisationId: string;
  displayName: string;
  roles: Role[];
  accountManager?: boolean;
  /** fictional personal data, stored encrypted */
  person?: { realName: string; phone: string };
}

export const demoLogins: readonly DemoLogin[] = [
  { username: 'admin', organisationId: demoIds.platform, displayName: '平台管理员', roles: ['admin', 'approver', 'officer', 'viewer'] },
  { username: 'drc', organisationId: demoIds.drc, displayName: '市发展改革委 示例用户', roles: ['officer', 'approver'] },
  { username: 'eeb', organisationId: demoIds.eeb, displayName: '市生态环境局 示例用户', roles: ['officer', 'approver'] },
  { username: 'finance', organisationId: demoIds.finance, displayName: '市财政局 示例用户', roles: ['officer'] },
  { username: 'pboc', organisationId: demoIds.pboc, displayName: '人民银行济宁市分行 示例用户', roles: ['officer', 'approver'] },
  { username: 'nfra', organisationId: demoIds.nfra, displayName: '金融监管分局 示例用户', roles: ['officer'] },
  { username: 'bank1', organisationId: demoIds.bank1, displayName: '示例泰岳银行 客户经理主管', roles: ['officer', 'approver', 'admin'] },
  { username: 'bank1-branch', organisationId: demoIds.bank1Branch, displayName: '示例泰岳银行邹城支行 示例用户', roles: ['officer', 'admin'] },
  { username: 'bank1-sub', organisationId: demoIds.bank1SubBranch, displayName: '示例泰岳银行邹城营业部 示例用户', roles: ['officer'] },
  { username: 'bank1-manager', organisationId: demoIds.bank1SubBranch, displayName: '示例泰岳银行 客户经理', roles: ['officer'], accountManager: true },
  { username: 'bank1-sibling', organisationId: demoIds.bank1SiblingSubBranch, displayName: '示例泰岳银行邹城分理处 示例用户', roles: ['officer'] },
  { username: 'bank2', organisationId: demoIds.bank2, displayName: '示例洙泗银行 示例用户', roles: ['officer', 'approver', 'admin'] },
  { username: 'enterprise1', organisationId: demoIds.enterprise1, displayName: '企业能源管理员（示例）', roles: ['officer', 'admin'] },
  { username: 'enterprise2', organisationId: demoIds.enterprise2, displayName: '企业能源管理员（示例）', roles: ['officer', 'admin'] },
  { username: 'verifier1', organisationId: demoIds.verifier1, displayName: '核查员（示例）', roles: ['officer'] },
  { username: 'zoucheng', organisationId: demoIds.countyZoucheng, displayName: '邹城市人民政府 示例用户', roles: ['officer'] },
  { username: 'partner-bus', organisationId: demoIds.partnerBus, displayName: '公交数据对接（示例）', roles: ['officer'] },
  { username: 'partner-power', organisationId: demoIds.partnerPower, displayName: '供电公司数据对接（示例）', roles: ['officer'] },
  { username: 'resident1', organisationId: residentsOrganisationId, displayName: '居民（示例）', roles: ['viewer'], person: { realName: '李示例', phone: '13800000001' } },
];

export function demoUsersPart(options: { fieldCipher: FieldCipher }): SeedPart {
  return {
    name: 'users',
    // 2: partner-power (the utility's meter readings)
    version: 2,
    phase: 'essential',
    label: '示例账户 / demo logins',
    async run({ db, now }) {
      await organisationRepository(db.orm).insertMissing([
        {
          id: residentsOrganisationId,
          type: 'residents',
          bankLevel: null,
          parentId: null,
          nameZh: '济宁市居民（个人碳账户）',
          nameEn: 'Jining residents (personal carbon accounts)',
          uscc: null,
          areaId: cityAreaId,
          sector: null,
          isDemo: false,
          createdAt: now,
          updatedAt: now,
        },
      ]);
      const passwordHash = await hashPassword(demoPassword);
      const { fieldCipher } = options;
      await identityRepository(db.orm).insertMissingUsers(
        demoLogins.map((login) => {
          const id = randomUUID();
          return {
            id,
            organisationId: login.organisationId,
            username: login.username,
            displayName: login.displayName,
            passwordHash,
            roles: login.roles,
            accountManager: login.accountManager ?? false,
            ...(login.person
              ? {
                  phoneEnc: fieldCipher.encrypt(login.person.phone, `users.phone:${id}`),
                  phoneIndex: fieldCipher.blindIndex(login.person.phone, 'phone'),
                  realNameEnc: fieldCipher.encrypt(login.person.realName, `users.real_name:${id}`),
                }
              : {}),
            isDemo: true,
            createdAt: now,
            updatedAt: now,
          };
        }),
      );
    },
  };
}
