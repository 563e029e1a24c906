/** Drizzle mirror of the carbon-account tables (migrations/0007_carbon_accounts.sql is the source of truth). */
import { boolean, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
/** numeric as a decimal string end to end (type-parsers.ts returns numeric as text). */
const decimal = (name: string) => numeric(name, { mode: 'string' });

export const enterpriseProfiles = pgTable(
  'enterprise_profiles',
  {
    organisationId: text('organisation_id').primaryKey(),
    industryClass: text('industry_class').notNull(),
    keyEmitter: boolean('key_emitter').notNull().default(false),
    highEnergyHighEmission: boolean('high_energy_high_emission').notNull().default(false),
    etsKeyEmitter: boolean('ets_key_emitter').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [index('enterprise_profiles_class_idx').on(t.industryClass)],
);

export const enterpriseProducts = pgTable(
  'enterprise_products',
  {
    enterpriseId: text('enterprise_id').notNull(),
    productId: text('product_id').notNull(),
    nameZh: text('name_zh').notNull(),
    unit: text('unit').notNull(),
    benchmarkId: text('benchmark_id'),
  },
  (t) => [primaryKey({ columns: [t.enterpriseId, t.productId] })],
);

export const meterAccounts = pgTable(
  'meter_accounts',
  {
    accountNo: text('account_no').primaryKey(),
    enterpriseId: text('enterprise_id').notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [index('meter_accounts_enterprise_idx').on(t.enterpriseId)],
);

export interface ProductionEntry {
  productId: string;
  /** in the product's unit, decimal string */
  output: string;
  unit: string;
  /** reported unit energy consumption within the limit standard's boundary, in the benchmark's unit */
  unitEnergyConsumption?: string | null;
}

export const periodSubmissions = pgTable(
  'period_submissions',
  {
    id: text('id').primaryKey(),
    enterpriseId: text('enterprise_id').notNull(),
    month: text('month').notNull(),
    revision: integer('revision').notNull(),
    supersedesId: text('supersedes_id'),
    channel: text('channel').notNull(),
    activities: jsonb('activities').$type<Record<string, unknown>[]>().notNull(),
    production: jsonb('production').$type<ProductionEntry[]>().notNull(),
    outputValue10kCny: decimal('output_value_10k_cny'),
    valueAdded10kCny: decimal('value_added_10k_cny'),
    quality: text('quality').notNull(),
    importJobId: text('import_job_id'),
    fileId: text('file_id'),
    note: text('note'),
    submittedBy: text('submitted_by'),
    submittedAt: instant('submitted_at').notNull(),
    isCurrent: boolean('is_current').notNull(),
  },
  (t) => [
    uniqueIndex('period_submissions_current_idx')
      .on(t.enterpriseId, t.month)
      .where(sql`is_current`),
  ],
);

export const utilityReadings = pgTable(
  'utility_readings',
  {
    id: text('id').primaryKey(),
    accountNo: text('account_no').notNull(),
    month: text('month').notNull(),
    kwh: decimal('kwh').notNull(),
    partnerId: text('partner_id').notNull(),
    receivedAt: instant('received_at').notNull(),
    isCurrent: boolean('is_current').notNull(),
  },
  (t) => [
    uniqueIndex('utility_readings_current_idx')
      .on(t.accountNo, t.month)
      .where(sql`is_current`),
    index('utility_readings_month_idx').on(t.month, t.accountNo),
  ],
);

export const emissionCoefficients = pgTable('emission_coefficients', {
  key: text('key').primaryKey(),
  scope1Tco2e: decimal('scope1_tco2e').notNull(),
  scope2Tco2e: decimal('scope2_tco2e').notNull(),
  exportedTco2e: decimal('exported_tco2e').notNull(),
  energyTce: decimal('energy_tce').notNull(),
  feedstockTce: decimal('feedstock_tce').notNull(),
  nonFossilMwh: decimal('non_fossil_mwh').notNull(),
  provisional: boolean('provisional').notNull(),
  factorRefs: jsonb('factor_refs').$type<string[]>().notNull(),
  warnings: jsonb('warnings').$type<string[]>().notNull(),
});

export const submissionLines = pgTable(
  'submission_lines',
  {
    submissionId: text('submission_id').notNull(),
    lineNo: integer('line_no').notNull(),
    quantity: decimal('quantity').notNull(),
    coefficientKey: text('coefficient_key').notNull(),
  },
  (t) => [primaryKey({ columns: [t.submissionId, t.lineNo] })],
);

export interface AccountLine {
  index: number;
  tco2e: string;
  tce: string;
  factorIds: string[];
}

export const accountMonths = pgTable(
  'account_months',
  {
    enterpriseId: text('enterprise_id').notNull(),
    month: text('month').notNull(),
    submissionId: text('submission_id').notNull(),
    scope1Tco2e: decimal('scope1_tco2e').notNull(),
    scope2Tco2e: decimal('scope2_tco2e').notNull(),
    exportedTco2e: decimal('exported_tco2e').notNull(),
    energyTce: decimal('energy_tce').notNull(),
    feedstockTce: decimal('feedstock_tce').notNull(),
    nonFossilMwh: decimal('non_fossil_mwh').notNull(),
    reportedKwh: decimal('reported_kwh'),
    meteredKwh: decimal('metered_kwh'),
    electricityGapPercent: decimal('electricity_gap_percent'),
    electricityGapFlagged: boolean('electricity_gap_flagged').notNull().default(false),
    quality: text('quality').notNull(),
    provisional: boolean('provisional').notNull(),
    factorRefs: jsonb('factor_refs').$type<string[]>().notNull(),
    warnings: jsonb('warnings').$type<string[]>().notNull(),
    lines: jsonb('lines').$type<AccountLine[]>().notNull(),
    computedAt: instant('computed_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.enterpriseId, t.month] }), index('account_months_month_idx').on(t.month)],
);

export const carbonAccounts = pgTable(
  'carbon_accounts',
  {
    enterpriseId: text('enterprise_id').notNull(),
    period: text('period').notNull(),
    periodType: text('period_type').notNull(),
    emissionsTco2e: decimal('emissions_tco2e').notNull(),
    energyTce: decimal('energy_tce').notNull(),
    intensityPerValueAdded: decimal('intensity_per_value_added'),
    complete: boolean('complete').notNull(),
    provisional: boolean('provisional').notNull(),
    quality: text('quality').notNull(),
    figures: jsonb('figures').$type<Record<string, unknown>>().notNull(),
    computedAt: instant('computed_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.enterpriseId, t.period] }), index('carbon_accounts_period_idx').on(t.period, t.enterpriseId)],
);

export const labelPublications = pgTable('label_publications', {
  id: text('id').primaryKey(),
  year: integer('year').notNull(),
  labelCount: integer('label_count').notNull(),
  note: text('note'),
  publishedBy: text('published_by').notNull(),
  publishedAt: instant('published_at').notNull(),
});

export const enterpriseLabels = pgTable(
  'enterprise_labels',
  {
    id: text('id').primaryKey(),
    enterpriseId: text('enterprise_id').notNull(),
    kind: text('kind').notNull(),
    period: text('period').notNull(),
    status: text('status').notNull(),
    colour: text('colour'),
    provisional: boolean('provisional').notNull(),
    schemeRef: text('scheme_ref').notNull(),
    methods: jsonb('methods').$type<Record<string, unknown>[]>().notNull(),
    inputs: jsonb('inputs').$type<Record<string, unknown>>().notNull(),
    factorRefs: jsonb('factor_refs').$type<string[]>().notNull(),
    reason: jsonb('reason').$type<{ zh: string; en: string }>().notNull(),
    publicationId: text('publication_id'),
    createdAt: instant('created_at').notNull(),
    publishedAt: instant('published_at'),
  },
  (t) => [index('enterprise_labels_period_idx').on(t.period, t.status, t.colour)],
);

export const labelObjections = pgTable(
  'label_objections',
  {
    id: text('id').primaryKey(),
    labelId: text('label_id').notNull(),
    enterpriseId: text('enterprise_id').notNull(),
    reason: text('reason').notNull(),
    status: text('status').notNull(),
    resolution: text('resolution'),
    filedBy: text('filed_by').notNull(),
    filedAt: instant('filed_at').notNull(),
    resolvedBy: text('resolved_by'),
    resolvedAt: instant('resolved_at'),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('label_objections_status_idx').on(t.status, t.filedAt)],
);

export const dataVerifications = pgTable(
  'data_verifications',
  {
    id: text('id').primaryKey(),
    enterpriseId: text('enterprise_id').notNull(),
    year: integer('year').notNull(),
    verifierId: text('verifier_id').notNull(),
    assignmentId: text('assignment_id').notNull(),
    reportFileId: text('report_file_id').notNull(),
    verifiedTco2e: decimal('verified_tco2e'),
    note: text('note'),
    verifiedBy: text('verified_by').notNull(),
    verifiedAt: instant('verified_at').notNull(),
  },
  (t) => [index('data_verifications_enterprise_idx').on(t.enterpriseId, t.year)],
);

export const provincialListEntries = pgTable(
  'provincial_list_entries',
  {
    listYear: integer('list_year').notNull(),
    uscc: text('uscc').notNull(),
    enterpriseId: text('enterprise_id'),
    nameZh: text('name_zh').notNull(),
    colour: text('colour'),
    importJobId: text('import_job_id'),
    importedAt: instant('imported_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.listYear, t.uscc] })],
);

export const etsVerifiedEmissions = pgTable(
  'ets_verified_emissions',
  {
    year: integer('year').notNull(),
    enterpriseId: text('enterprise_id').notNull(),
    verifiedTco2e: decimal('verified_tco2e').notNull(),
    source: text('source').notNull(),
    importJobId: text('import_job_id'),
    importedAt: instant('imported_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.year, t.enterpriseId] })],
);
