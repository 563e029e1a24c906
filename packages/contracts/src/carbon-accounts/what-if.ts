/**
 * What-if (情景模拟): POST /api/v1/enterprises/{id}/what-if. An enterprise's label period (a year
 * or a rolling 12 months) recomputed with changed activities — a fuel switch, green electricity,
 * an efficiency gain — next to the baseline, through the same accounting engine, account figures
 * and label rules as the stored accounts. Nothing is saved. Shapes are checked here; ranges,
 * fuels and what the enterprise actually has are checked by the domain (VALIDATION_FAILED with
 * `details.fields[].path` such as `changes.0.sharePercent` and a `code`: unknown_fuel,
 * out_of_range, exceeds_purchased, activity_not_found, invalid_change, invalid_period, no_data).
 */
import { z } from '@hono/zod-openapi';
import { labelColourSchema } from './carbon-accounts.ts';

const bilingualSchema = z.object({ zh: z.string(), en: z.string() });
const decimalText = z.string().max(32);
const percentText = z.string().max(16).openapi({ description: 'A percentage 0–100 as a decimal string (at most 4 decimals).', example: '60' });

export const whatIfChangeSchema = z
  .discriminatedUnion('kind', [
    z
      .object({
        kind: z.literal('fuel_switch'),
        fromFuel: z.string().min(1).max(64).openapi({ description: 'A fuel the enterprise burns (fuel id of the default factor set).', example: 'raw_coal' }),
        toFuel: z.string().min(1).max(64).openapi({ example: 'natural_gas' }),
        sharePercent: percentText,
        efficiencyRatio: decimalText
          .optional()
          .openapi({ description: 'η(old boiler) ÷ η(new boiler), > 0 and ≤ 5; default 1 (equal efficiency). The new fuel delivers the same useful energy.', example: '0.87' }),
      })
      .strict(),
    z
      .object({
        kind: z.literal('green_electricity'),
        mwh: decimalText
          .optional()
          .openapi({ description: 'MWh of green electricity over the period (spread over the months by their purchases). Exactly one of mwh and sharePercent.' }),
        sharePercent: percentText.optional(),
      })
      .strict(),
    z
      .object({
        kind: z.literal('efficiency'),
        activity: z.string().min(1).max(80).openapi({ description: 'all_energy, fuel:<id>, electricity_purchased, electricity_green or heat_purchased.', example: 'all_energy' }),
        reductionPercent: percentText,
      })
      .strict(),
  ])
  .openapi('WhatIfChange');

export const whatIfInputSchema = z
  .object({
    period: z.string().max(16).openapi({ description: 'A year (2024) or a rolling 12 months (2025-01R12).', example: '2025-01R12' }),
    changes: z.array(whatIfChangeSchema).max(10),
  })
  .strict()
  .openapi('WhatIfInput');

const labelSchema = z.object({
  colour: labelColourSchema.nullable(),
  provisional: z.boolean(),
  reason: bilingualSchema,
  methods: z.array(
    z.object({
      method: z.enum(['product_benchmark', 'industry_intensity_ratio']),
      applicable: z.boolean(),
      colour: labelColourSchema.nullable(),
      reason: bilingualSchema,
      ratio: z.string().nullable(),
      benchmarkRef: z.string().nullable(),
    }),
  ),
  notes: z.array(bilingualSchema),
  industryAverage: z.object({
    level: z.enum(['class', 'group', 'division']).nullable(),
    code: z.string().nullable(),
    peerCount: z.number().int(),
    averageIntensity: z.string().nullable(),
  }),
});

const sideSchema = z.object({
  figures: z.object({
    emissionsTco2e: z.string(),
    emissionsBasis: z.enum(['gross', 'net']),
    scope1Tco2e: z.string(),
    scope2Tco2e: z.string(),
    exportedTco2e: z.string(),
    grossTco2e: z.string(),
    energyTce: z.string(),
    nonFossilElectricityMwh: z.string(),
    valueAdded10kCny: z.string().nullable(),
    intensityPerValueAdded: z.string().nullable().openapi({ description: 'tCO2e per 10^4 CNY value added, 6 decimals.' }),
    energyPerValueAdded: z.string().nullable(),
    products: z.array(
      z.object({
        productId: z.string(),
        unit: z.string(),
        output: z.string(),
        benchmarkId: z.string().nullable(),
        unitEnergyConsumption: z.string().nullable(),
        estimated: z.boolean(),
        tco2ePerUnit: z.string().nullable().openapi({ description: 'Single-product enterprises only.' }),
      }),
    ),
    monthsWithActivity: z.number().int(),
    monthsExpected: z.number().int(),
    provisional: z.boolean(),
    factorRefs: z.array(z.string()),
    warnings: z.array(z.string()),
  }),
  label: labelSchema,
});

export const whatIfResultSchema = z
  .object({
    enterpriseId: z.string(),
    period: z.string(),
    periodType: z.enum(['year', 'rolling12']),
    months: z.array(z.string()),
    baseline: sideSchema,
    scenario: sideSchema,
    sources: z.array(
      z.object({
        source: z.string(),
        nameZh: z.string(),
        nameEn: z.string(),
        scope: z.enum(['scope1', 'scope2', 'exported']),
        baselineTco2e: z.string(),
        scenarioTco2e: z.string(),
        deltaTco2e: z.string(),
        baselineTce: z.string(),
        scenarioTce: z.string(),
      }),
    ),
    deltas: z.object({
      emissionsTco2e: z.string(),
      emissionsPercent: z.string().nullable(),
      scope1Tco2e: z.string(),
      scope2Tco2e: z.string(),
      energyTce: z.string(),
      nonFossilElectricityMwh: z.string(),
      intensityPerValueAdded: z.string().nullable(),
      colour: z.object({ from: labelColourSchema.nullable(), to: labelColourSchema.nullable(), change: z.enum(['better', 'worse', 'same', 'not_comparable']) }),
    }),
    changes: z.array(
      z.object({
        index: z.number().int(),
        kind: z.enum(['fuel_switch', 'green_electricity', 'efficiency']),
        change: whatIfChangeSchema,
        description: bilingualSchema,
        moved: z.array(z.object({ activity: z.string(), unit: z.string(), before: z.string(), after: z.string(), delta: z.string() })),
        energy: z.object({ fromTce: z.string(), toTce: z.string() }).nullable(),
        assumptions: z.array(bilingualSchema),
        factorRefs: z.array(z.string()),
      }),
    ),
    assumptions: z.array(bilingualSchema),
    factorRefs: z.array(z.string()),
    provisionalFactorRefs: z.array(z.string()),
    fuelChoices: z.array(z.object({ id: z.string(), nameZh: z.string(), nameEn: z.string(), unit: z.string() })),
    activities: z.array(z.object({ activity: z.string(), nameZh: z.string(), nameEn: z.string(), unit: z.string(), quantity: z.string() })),
    saved: z.literal(false).openapi({ description: 'Always false: a what-if writes nothing.' }),
  })
  .openapi('WhatIfResult');

export type WhatIfInput = z.infer<typeof whatIfInputSchema>;
export type WhatIfResultBody = z.infer<typeof whatIfResultSchema>;
