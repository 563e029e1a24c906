-- Foundation: administrative areas, organisations, persisted jobs, idempotency keys, seed bookkeeping.
-- Forward-only: never edit this file once released; add 0002_… instead. PostgreSQL 15 syntax only.
-- Every foreign key is DEFERRABLE so that `cfp db restore` can load tables in any order.

create table areas (
  id text primary key,
  type text not null check (type in ('city', 'district', 'county_level_city', 'county', 'functional_zone')),
  parent_id text references areas (id) deferrable initially immediate,
  name_zh text not null,
  name_en text not null,
  admin_code text,
  -- reference status of admin_code (verified / secondary / unverified), shown to users
  admin_code_status text
);

create table organisations (
  id text primary key,
  type text not null check (type in ('platform', 'government', 'county_government', 'regulator', 'bank', 'insurer', 'guarantor', 'enterprise', 'verifier', 'partner')),
  -- bank hierarchy: head (city-level institution) → branch → sub_branch
  bank_level text check (bank_level in ('head', 'branch', 'sub_branch')),
  parent_id text references organisations (id) deferrable initially immediate,
  name_zh text not null,
  name_en text not null default '',
  -- unified social credit code, GB 32100-2015 charset (check character validated by the API)
  uscc text unique check (uscc ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
  area_id text not null references areas (id) deferrable initially immediate,
  sector text,
  is_demo boolean not null default false,
  version integer not null default 1 check (version >= 1),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  check (parent_id is null or parent_id <> id)
);
create index organisations_type_id_idx on organisations (type, id);
create index organisations_area_id_idx on organisations (area_id, id);
create index organisations_parent_idx on organisations (parent_id);

create table jobs (
  id text primary key,
  kind text not null,
  status text not null check (status in ('queued', 'running', 'succeeded', 'failed')),
  -- percent done, 0–100
  progress integer not null default 0 check (progress between 0 and 100),
  message text,
  params jsonb not null default '{}'::jsonb,
  -- where a resumable job picks up after a restart
  checkpoint jsonb,
  result jsonb,
  error jsonb,
  attempts integer not null default 0,
  max_attempts integer not null default 3,
  -- the process running it; its heartbeat tells a live owner from a dead one
  owner text,
  heartbeat_at timestamptz,
  created_at timestamptz not null,
  started_at timestamptz,
  finished_at timestamptz,
  updated_at timestamptz not null
);
create index jobs_status_created_idx on jobs (status, created_at);
create index jobs_created_id_idx on jobs (created_at desc, id desc);

create table idempotency_keys (
  -- method + route + caller: a key is only ever compared within its scope
  scope text not null,
  key text not null,
  request_hash text not null,
  status_code integer,
  response_body jsonb,
  created_at timestamptz not null,
  completed_at timestamptz,
  primary key (scope, key)
);
create index idempotency_keys_created_idx on idempotency_keys (created_at);

create table seed_parts (
  part text primary key,
  version integer not null,
  completed_at timestamptz not null
);
