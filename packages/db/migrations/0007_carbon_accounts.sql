-- Carbon accounts (issue 6): the enterprise registry, monthly data from forms, spreadsheets and the
-- power utility, the engine's monthly results, period accounts, four-colour labels with objections,
-- annual verification and the province's external lists. Forward-only; every foreign key
-- DEFERRABLE (see 0001); no floats: decimals are numeric, computed totals are kept unrounded
-- (the API rounds at output) and decimal strings inside jsonb.

-- The carbon-account profile of an enterprise organisation (name, USCC, area and sector live in organisations).
create table enterprise_profiles (
  organisation_id text primary key references organisations (id) deferrable initially immediate,
  -- GB/T 4754-2017 小类, 4 digits; checked against reference/gbt-4754-2017-classes.json by the API
  industry_class text not null check (industry_class ~ '^[0-9]{4}$'),
  -- 重点用能单位 / key emitter on the city's list
  key_emitter boolean not null default false,
  -- 「两高」 high-energy, high-emission enterprise
  high_energy_high_emission boolean not null default false,
  -- 全国碳市场重点排放单位: its verified annual emissions are authoritative for its annual totals
  ets_key_emitter boolean not null default false,
  version integer not null default 1 check (version >= 1),
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index enterprise_profiles_class_idx on enterprise_profiles (industry_class);

create table enterprise_products (
  enterprise_id text not null references enterprise_profiles (organisation_id) deferrable initially immediate,
  product_id text not null check (product_id ~ '^[a-z0-9_]{1,64}$'),
  name_zh text not null,
  -- unit of output, e.g. t
  unit text not null,
  -- energy-benchmarks id (no version: the label pins the version it used)
  benchmark_id text check (benchmark_id ~ '^[a-z0-9_]{1,64}$'),
  primary key (enterprise_id, product_id)
);

-- The power utility's meter accounts (户号) mapped to enterprises; readings for an unmapped account are refused.
create table meter_accounts (
  account_no text primary key check (account_no ~ '^[0-9A-Za-z-]{4,32}$'),
  enterprise_id text not null references enterprise_profiles (organisation_id) deferrable initially immediate,
  created_at timestamptz not null
);
create index meter_accounts_enterprise_idx on meter_accounts (enterprise_id);

-- One enterprise-month of data as submitted through one channel. A correction is a new revision
-- that names the one it supersedes; exactly one revision per month is current; history is kept.
create table period_submissions (
  id text primary key,
  enterprise_id text not null references enterprise_profiles (organisation_id) deferrable initially immediate,
  -- YYYY-MM
  month text not null check (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  revision integer not null check (revision >= 1),
  supersedes_id text references period_submissions (id) deferrable initially immediate,
  channel text not null check (channel in ('form', 'import', 'demo')),
  -- activity shapes of the accounting engine (decimal strings), each with its source
  activities jsonb not null check (jsonb_typeof(activities) = 'array'),
  -- [{productId, output, unit, unitEnergyConsumption}] decimal strings
  production jsonb not null check (jsonb_typeof(production) = 'array'),
  -- 10^4 CNY, at most 2 decimals
  output_value_10k_cny numeric(20, 2) check (output_value_10k_cny >= 0),
  value_added_10k_cny numeric(20, 2),
  -- the lowest quality of the month's values
  quality text not null check (quality in ('reported', 'utility_metered', 'verified')),
  import_job_id text references jobs (id) deferrable initially immediate,
  file_id text references files (id) deferrable initially immediate,
  note text,
  submitted_by text references users (id) deferrable initially immediate,
  submitted_at timestamptz not null,
  is_current boolean not null,
  unique (enterprise_id, month, revision),
  check ((revision = 1) = (supersedes_id is null))
);
create unique index period_submissions_current_idx on period_submissions (enterprise_id, month) where is_current;

-- The utility's monthly kWh per meter account (partner API); a new reading for the same month replaces the current one.
create table utility_readings (
  id text primary key,
  account_no text not null references meter_accounts (account_no) deferrable initially immediate,
  month text not null check (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  -- kWh
  kwh numeric(20, 3) not null check (kwh >= 0),
  partner_id text not null references organisations (id) deferrable initially immediate,
  received_at timestamptz not null,
  is_current boolean not null
);
create unique index utility_readings_current_idx on utility_readings (account_no, month) where is_current;
create index utility_readings_month_idx on utility_readings (month, account_no);

-- Bulk path (issue 5 item 5): per-unit coefficients by key (type|unit|use|factor ids), immutable;
-- one-off lines (measured values) have a content-addressed key of their own.
create table emission_coefficients (
  key text primary key,
  scope1_tco2e numeric not null,
  scope2_tco2e numeric not null,
  exported_tco2e numeric not null,
  energy_tce numeric not null,
  feedstock_tce numeric not null,
  non_fossil_mwh numeric not null,
  provisional boolean not null,
  factor_refs jsonb not null,
  warnings jsonb not null
);

-- The lines of a submission on the bulk path: quantity × coefficient.
create table submission_lines (
  submission_id text not null references period_submissions (id) deferrable initially immediate,
  line_no integer not null check (line_no >= 0),
  quantity numeric not null,
  coefficient_key text not null references emission_coefficients (key) deferrable initially immediate,
  primary key (submission_id, line_no)
);

-- The engine's result for one enterprise-month (the current submission, metered electricity applied); exact, unrounded.
create table account_months (
  enterprise_id text not null references enterprise_profiles (organisation_id) deferrable initially immediate,
  month text not null check (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  submission_id text not null references period_submissions (id) deferrable initially immediate,
  scope1_tco2e numeric not null,
  scope2_tco2e numeric not null,
  exported_tco2e numeric not null,
  energy_tce numeric not null,
  feedstock_tce numeric not null,
  non_fossil_mwh numeric not null,
  -- electricity reconciliation (kWh): reported by the enterprise, metered by the utility, the gap flagged above 2 %
  reported_kwh numeric,
  metered_kwh numeric,
  electricity_gap_percent numeric,
  electricity_gap_flagged boolean not null default false,
  quality text not null check (quality in ('reported', 'utility_metered', 'verified')),
  provisional boolean not null,
  factor_refs jsonb not null,
  warnings jsonb not null,
  -- per line: index, tco2e, tce, factorIds (3-decimal strings)
  lines jsonb not null,
  computed_at timestamptz not null,
  primary key (enterprise_id, month)
) with (fillfactor = 70); -- room on each page for HOT updates: a recalculation rewrites every row
create index account_months_month_idx on account_months (month);

-- Period accounts (month, quarter, year, rolling 12 months): domain AccountFigures in `figures`,
-- the columns the lists filter and sort on beside it.
create table carbon_accounts (
  enterprise_id text not null references enterprise_profiles (organisation_id) deferrable initially immediate,
  period text not null,
  period_type text not null check (period_type in ('month', 'quarter', 'year', 'rolling12')),
  -- tCO2e (gross for power generation, net otherwise), 3 decimals
  emissions_tco2e numeric(24, 3) not null,
  energy_tce numeric(24, 3) not null,
  -- tCO2e per 10^4 CNY value added
  intensity_per_value_added numeric(24, 6),
  complete boolean not null,
  provisional boolean not null,
  quality text not null check (quality in ('reported', 'utility_metered', 'verified')),
  figures jsonb not null,
  computed_at timestamptz not null,
  primary key (enterprise_id, period)
) with (fillfactor = 70);
create index carbon_accounts_period_idx on carbon_accounts (period, enterprise_id);

-- The commission's publication of a year's official labels.
create table label_publications (
  id text primary key,
  -- calendar year
  year integer not null check (year between 2000 and 2100),
  label_count integer not null check (label_count >= 0),
  note text,
  published_by text not null references users (id) deferrable initially immediate,
  published_at timestamptz not null
);

-- Four-colour labels: official (annual, drafted by the system, published by the commission) and
-- monitoring (rolling 12 months, shown as such). A republished label supersedes the earlier one.
create table enterprise_labels (
  id text primary key,
  enterprise_id text not null references enterprise_profiles (organisation_id) deferrable initially immediate,
  kind text not null check (kind in ('official', 'monitoring')),
  -- official: YYYY; monitoring: YYYY-MMR12
  period text not null,
  status text not null check (status in ('draft', 'published', 'superseded', 'current')),
  -- null when no method applies (the reasons say why)
  colour text check (colour in ('green', 'yellow', 'orange', 'red')),
  provisional boolean not null,
  scheme_ref text not null,
  methods jsonb not null,
  -- the values the label was decided on: product value, industry average with its level and peer count
  inputs jsonb not null,
  factor_refs jsonb not null,
  reason jsonb not null,
  publication_id text references label_publications (id) deferrable initially immediate,
  created_at timestamptz not null,
  published_at timestamptz,
  check ((status = 'current') = (kind = 'monitoring'))
);
create unique index enterprise_labels_published_idx on enterprise_labels (enterprise_id, period) where status = 'published';
create unique index enterprise_labels_draft_idx on enterprise_labels (enterprise_id, period) where status = 'draft';
create unique index enterprise_labels_monitoring_idx on enterprise_labels (enterprise_id) where status = 'current';
create index enterprise_labels_period_idx on enterprise_labels (period, status, colour);

-- 异议: an enterprise disputes a published label; the commission resolves it.
create table label_objections (
  id text primary key,
  label_id text not null references enterprise_labels (id) deferrable initially immediate,
  enterprise_id text not null references enterprise_profiles (organisation_id) deferrable initially immediate,
  reason text not null check (length(reason) between 1 and 2000),
  status text not null check (status in ('open', 'upheld', 'rejected')),
  resolution text,
  filed_by text not null references users (id) deferrable initially immediate,
  filed_at timestamptz not null,
  resolved_by text references users (id) deferrable initially immediate,
  resolved_at timestamptz,
  version integer not null default 1 check (version >= 1),
  check ((status = 'open') = (resolved_at is null))
);
create index label_objections_status_idx on label_objections (status, filed_at);
create unique index label_objections_open_idx on label_objections (label_id) where status = 'open';

-- A verifier's verification of an enterprise's annual data (under a verifier assignment), with its report.
create table data_verifications (
  id text primary key,
  enterprise_id text not null references enterprise_profiles (organisation_id) deferrable initially immediate,
  year integer not null check (year between 2000 and 2100),
  verifier_id text not null references organisations (id) deferrable initially immediate,
  assignment_id text not null references verifier_assignments (id) deferrable initially immediate,
  report_file_id text not null references files (id) deferrable initially immediate,
  -- tCO2e the verifier found, when stated
  verified_tco2e numeric(24, 3),
  note text,
  verified_by text not null references users (id) deferrable initially immediate,
  verified_at timestamptz not null
);
create index data_verifications_enterprise_idx on data_verifications (enterprise_id, year);

-- The province's high-energy/high-emission list with its colour tags, by year (file import now).
create table provincial_list_entries (
  list_year integer not null check (list_year between 2000 and 2100),
  uscc text not null check (uscc ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
  enterprise_id text references organisations (id) deferrable initially immediate,
  name_zh text not null,
  colour text check (colour in ('green', 'yellow', 'orange', 'red')),
  import_job_id text references jobs (id) deferrable initially immediate,
  imported_at timestamptz not null,
  primary key (list_year, uscc)
);

-- National ETS key emitters' verified annual emissions: authoritative for their annual totals.
create table ets_verified_emissions (
  year integer not null check (year between 2000 and 2100),
  enterprise_id text not null references organisations (id) deferrable initially immediate,
  -- tCO2e
  verified_tco2e numeric(24, 3) not null check (verified_tco2e >= 0),
  source text not null,
  import_job_id text references jobs (id) deferrable initially immediate,
  imported_at timestamptz not null,
  primary key (year, enterprise_id)
);
