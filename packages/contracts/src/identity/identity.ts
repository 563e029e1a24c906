/** Identity contracts: sign-in, tokens, the caller, users, consents, verifier assignments. */
import { z } from '@hono/zod-openapi';
import { bankLevels, consentDataScopes, consentPurposes, organisationTypes, roles } from '@cfp/domain';
import { businessDateSchema, idSchema, instantSchema } from '../common/scalars.ts';
import { pageSchema } from '../common/pagination.ts';

const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, '2–64 characters: letters, digits, . _ -')
  .openapi({ example: 'bank1' });
const passwordSchema = z.string().min(1).max(256).openapi({ example: 'jining-demo-2024' });

export const loginSchema = z.strictObject({ username: usernameSchema, password: passwordSchema }).openapi('Login');

export const userSchema = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    organisationId: z.string(),
    roles: z.array(z.enum(roles)),
    areaId: z.string().nullable(),
    accountManager: z.boolean(),
    /** masked unless the caller's role needs it */
    phone: z.string().nullable().openapi({ description: 'Masked (138****5678) unless the caller may see it in full.' }),
    isDemo: z.boolean(),
    disabled: z.boolean(),
    version: z.number().int(),
    createdAt: instantSchema,
  })
  .openapi('User');
export type User = z.infer<typeof userSchema>;
export const userPageSchema = pageSchema(userSchema).openapi('UserPage');

export const meSchema = z
  .object({
    user: userSchema,
    organisation: z.object({
      id: z.string(),
      type: z.enum(organisationTypes),
      nameZh: z.string(),
      nameEn: z.string(),
      bankLevel: z.enum(bankLevels).nullable(),
      areaId: z.string(),
    }),
    roles: z.array(z.enum(roles)),
    scope: z.object({
      areaId: z.string().openapi({ description: 'The area the caller acts for: jining (the whole city) or one county-level division or zone.' }),
      organisationPath: z.array(z.string()).openapi({ description: 'The caller’s organisation, then the offices above it.' }),
      accountManager: z.boolean(),
    }),
    authenticatedBy: z.enum(['session', 'token']),
    tokenScopes: z.array(z.string()).nullable(),
    csrfToken: z.string().nullable().openapi({ description: 'Send as X-CSRF-Token on writes made with the session cookie.' }),
  })
  .openapi('Me');

export const loginResultSchema = z.object({ me: meSchema, expiresAt: instantSchema }).openapi('LoginResult');

export const tokenGrantSchema = z
  .object({ token: z.string().openapi({ description: 'Shown once. Send as Authorization: Bearer <token>.' }), expiresAt: instantSchema })
  .openapi('TokenGrant');

export const tokenScopeSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_:.-]{0,63}$/)
  .openapi({ example: 'read' });

export const apiTokenSchema = z
  .object({
    id: z.string(),
    userId: z.string(),
    name: z.string(),
    prefix: z.string(),
    scopes: z.array(z.string()),
    expiresAt: instantSchema,
    createdAt: instantSchema,
    lastUsedAt: instantSchema.nullable(),
    revokedAt: instantSchema.nullable(),
  })
  .openapi('ApiToken');
export const apiTokenListSchema = z.object({ items: z.array(apiTokenSchema) }).openapi('ApiTokenList');

export const createTokenSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(100),
    userId: z.string().max(64).optional().openapi({ description: 'For whom (a user of an organisation you administer); yourself when absent.' }),
    scopes: z
      .array(tokenScopeSchema)
      .min(1)
      .max(32)
      .openapi({ example: ['read'] }),
    ttlDays: z.number().int().min(1).max(365).default(30),
  })
  .openapi('CreateToken');
export const createdTokenSchema = z.object({ token: z.string(), apiToken: apiTokenSchema }).openapi('CreatedToken');

export const createUserSchema = z
  .strictObject({
    organisationId: idSchema,
    username: usernameSchema,
    displayName: z.string().trim().min(1).max(100),
    password: passwordSchema,
    roles: z.array(z.enum(roles)).min(1).max(4),
    areaId: idSchema.nullable().optional(),
    accountManager: z.boolean().optional(),
  })
  .openapi('CreateUser');

export const consentSchema = z
  .object({
    id: z.string(),
    enterpriseId: z.string(),
    granteeId: z.string(),
    dataScopes: z.array(z.enum(consentDataScopes)),
    purpose: z.enum(consentPurposes),
    validFrom: businessDateSchema,
    validTo: businessDateSchema,
    status: z.enum(['active', 'scheduled', 'expired', 'revoked']),
    grantedAt: instantSchema,
    revokedAt: instantSchema.nullable(),
    version: z.number().int(),
  })
  .openapi('Consent');
export type Consent = z.infer<typeof consentSchema>;
export const consentListSchema = z.object({ items: z.array(consentSchema) }).openapi('ConsentList');

export const grantConsentSchema = z
  .strictObject({
    granteeId: idSchema.openapi({ description: 'The bank, insurer or guarantor office that may read.' }),
    dataScopes: z.array(z.enum(consentDataScopes)).min(1).max(3),
    purpose: z.enum(consentPurposes),
    validFrom: businessDateSchema,
    validTo: businessDateSchema,
  })
  .refine((c) => c.validTo >= c.validFrom, { message: 'validTo must not be before validFrom', path: ['validTo'] })
  .openapi('GrantConsent');

export const consentReadSchema = z
  .object({
    id: z.string(),
    consentId: z.string(),
    readerOrganisationId: z.string(),
    readerOrganisationName: z.string(),
    readerUserId: z.string().nullable(),
    dataScope: z.string(),
    purpose: z.string(),
    resource: z
      .string()
      .nullable()
      .openapi({ description: 'What was read beyond the data scope: carbon_account_report (the report page) or carbon_account_report_pdf (its PDF); null for API reads.' }),
    readAt: instantSchema,
  })
  .openapi('ConsentRead');
export const consentReadPageSchema = pageSchema(consentReadSchema).openapi('ConsentReadPage');

export const assignmentSchema = z
  .object({ id: z.string(), verifierId: z.string(), enterpriseId: z.string(), validFrom: businessDateSchema, validTo: businessDateSchema, revokedAt: instantSchema.nullable() })
  .openapi('VerifierAssignment');
export const createAssignmentSchema = z
  .strictObject({ verifierId: idSchema, enterpriseId: idSchema, validFrom: businessDateSchema, validTo: businessDateSchema })
  .refine((c) => c.validTo >= c.validFrom, { message: 'validTo must not be before validFrom', path: ['validTo'] })
  .openapi('CreateVerifierAssignment');

export const enterpriseProfileSchema = z
  .object({
    enterprise: z.object({
      id: z.string(),
      nameZh: z.string(),
      nameEn: z.string(),
      uscc: z.string().nullable(),
      areaId: z.string(),
      sector: z.string().nullable(),
      isDemo: z.boolean(),
    }),
    access: z.object({ basis: z.enum(['self', 'platform', 'government', 'regulator', 'assignment', 'consent']), consentId: z.string().nullable(), purpose: z.string().nullable() }),
  })
  .openapi('EnterpriseProfile');

export const personalDataSchema = z
  .object({ userId: z.string(), phone: z.string().nullable(), realName: z.string().nullable() })
  .openapi('PersonalData', { description: 'Unmasked personal data; every view is recorded in the audit trail.' });
