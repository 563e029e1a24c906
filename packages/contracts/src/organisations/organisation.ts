/** Organisations and administrative areas: the parties of the demo city and their hierarchy. */
import { z } from '@hono/zod-openapi';
import { bankLevels, isValidUscc, organisationTypes } from '@cfp/domain';
import { idSchema, instantSchema, versionSchema } from '../common/scalars.ts';
import { pageQuerySchema, pageSchema } from '../common/pagination.ts';

const usccSchema = z
  .string()
  .length(18)
  .refine(isValidUscc, '统一社会信用代码校验位不正确 / invalid unified social credit code (GB 32100-2015)')
  .openapi({ description: 'Unified social credit code (统一社会信用代码), 18 characters with a valid check character.', example: '91370883MA3C00001W' });

const nameZhSchema = z.string().trim().min(1).max(200);
const nameEnSchema = z.string().trim().max(200);
const sectorSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/)
  .max(64);

export const organisationSchema = z
  .object({
    id: idSchema,
    type: z.enum(organisationTypes),
    bankLevel: z.enum(bankLevels).nullable(),
    parentId: idSchema.nullable(),
    nameZh: z.string(),
    nameEn: z.string(),
    uscc: z.string().nullable(),
    areaId: idSchema,
    sector: z.string().nullable(),
    isDemo: z.boolean().openapi({ description: 'true for fictional demo records (示例).' }),
    version: z.number().int(),
    createdAt: instantSchema,
    updatedAt: instantSchema,
  })
  .openapi('Organisation');
export type Organisation = z.infer<typeof organisationSchema>;

export const createOrganisationSchema = z
  .strictObject({
    id: idSchema.optional().openapi({ description: 'Optional readable id; a UUID is generated when absent.' }),
    type: z.enum(organisationTypes),
    bankLevel: z.enum(bankLevels).nullable().optional(),
    parentId: idSchema.nullable().optional(),
    nameZh: nameZhSchema,
    nameEn: nameEnSchema.optional(),
    uscc: usccSchema.nullable().optional(),
    areaId: idSchema,
    sector: sectorSchema.nullable().optional(),
  })
  .openapi('CreateOrganisation');
export type CreateOrganisation = z.infer<typeof createOrganisationSchema>;

export const updateOrganisationSchema = z
  .strictObject({
    version: versionSchema,
    parentId: idSchema.nullable().optional(),
    nameZh: nameZhSchema.optional(),
    nameEn: nameEnSchema.optional(),
    uscc: usccSchema.nullable().optional(),
    areaId: idSchema.optional(),
    sector: sectorSchema.nullable().optional(),
  })
  .refine((u) => Object.keys(u).length > 1, { message: 'nothing to change: give at least one field besides version' })
  .openapi('UpdateOrganisation');
export type UpdateOrganisation = z.infer<typeof updateOrganisationSchema>;

export const listOrganisationsQuerySchema = pageQuerySchema.extend({
  type: z.enum(organisationTypes).optional(),
  areaId: idSchema.optional(),
  parentId: idSchema.optional(),
  q: z.string().trim().min(1).max(100).optional().openapi({ description: 'Substring of the Chinese or English name, or the USCC.' }),
});
export const organisationPageSchema = pageSchema(organisationSchema).openapi('OrganisationPage');

export const areaTypes = ['city', 'district', 'county_level_city', 'county', 'functional_zone'] as const;
export const areaSchema = z
  .object({
    id: idSchema,
    type: z.enum(areaTypes),
    parentId: idSchema.nullable(),
    nameZh: z.string(),
    nameEn: z.string(),
    adminCode: z.string().nullable(),
    adminCodeStatus: z.string().nullable().openapi({ description: 'Reference status of the code (verified / secondary / unverified).' }),
  })
  .openapi('Area');
export type Area = z.infer<typeof areaSchema>;
export const areaListSchema = z.object({ items: z.array(areaSchema) }).openapi('AreaList');
