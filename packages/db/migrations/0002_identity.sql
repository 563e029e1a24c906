-- Residents (personal carbon accounts) belong to a residents' organisation of their city.
alter table organisations drop constraint organisations_type_check;
alter table organisations add constraint organisations_type_check check (type in ('platform', 'government', 'county_government', 'regulator', 'bank', 'insurer', 'guarantor', 'enterprise', 'verifier', 'partner', 'residents'));

-- Identity: users, sessions, API tokens, login throttling, consents and their read log,
-- verifier assignments. Forward-only; every foreign key DEFERRABLE (see 0001).

create table users (
  id text primary key,
  organisation_id text not null references organisations (id) deferrable initially immediate,
  -- login name, lowercase
  username text not null unique check (username ~ '^[a-z0-9][a-z0-9._-]{1,63}$'),
  display_name text not null,
  -- argon2id PHC string; null: no password login (e.g. a system account using API tokens)
  password_hash text,
  -- subset of viewer, officer, approver, admin
  roles text[] not null default '{viewer}',
  -- government users: the area they act for (the city or one county/zone); null = their organisation's area
  area_id text references areas (id) deferrable initially immediate,
  -- bank users: an account manager sees only the customers assigned to them
  account_manager boolean not null default false,
  -- personal data, encrypted per field (value carries its key id); phone_index is a keyed hash for lookup
  phone_enc text,
  phone_index text,
  real_name_enc text,
  is_demo boolean not null default false,
  disabled_at timestamptz,
  version integer not null default 1 check (version >= 1),
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index users_organisation_idx on users (organisation_id, id);
create unique index users_phone_index_idx on users (phone_index) where phone_index is not null;

create table sessions (
  -- SHA-256 of the cookie value: a stolen database does not yield live sessions
  id text primary key,
  user_id text not null references users (id) deferrable initially immediate,
  csrf_token text not null,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  last_seen_at timestamptz not null,
  ip text,
  user_agent text,
  revoked_at timestamptz
);
create index sessions_user_idx on sessions (user_id);

create table api_tokens (
  id text primary key,
  user_id text not null references users (id) deferrable initially immediate,
  name text not null,
  -- HMAC-SHA256 keyed with TOKEN_PEPPER: checked per request without slow hashing
  token_hash text not null unique,
  -- first characters of the token, to recognise it in lists
  prefix text not null,
  scopes text[] not null default '{}',
  expires_at timestamptz not null,
  created_by text references users (id) deferrable initially immediate,
  created_at timestamptz not null,
  last_used_at timestamptz,
  revoked_at timestamptz
);
create index api_tokens_user_idx on api_tokens (user_id);

create table login_throttle (
  -- 'user:<username>' or 'ip:<address>'
  key text primary key,
  failures integer not null,
  blocked_until timestamptz,
  updated_at timestamptz not null
);

create table consents (
  id text primary key,
  enterprise_id text not null references organisations (id) deferrable initially immediate,
  -- the bank, insurer or guarantor allowed to read (its whole hierarchy under it)
  grantee_id text not null references organisations (id) deferrable initially immediate,
  -- carbon_account, account_report, profile
  data_scopes text[] not null,
  purpose text not null check (purpose in ('pre_loan', 'post_loan', 'guarantee')),
  -- business dates (Asia/Shanghai), both inclusive
  valid_from date not null,
  valid_to date not null,
  granted_by text references users (id) deferrable initially immediate,
  granted_at timestamptz not null,
  revoked_at timestamptz,
  revoked_by text references users (id) deferrable initially immediate,
  version integer not null default 1 check (version >= 1),
  check (valid_to >= valid_from)
);
create index consents_grantee_idx on consents (grantee_id, enterprise_id);
create index consents_enterprise_idx on consents (enterprise_id, granted_at desc);

create table consent_reads (
  id text primary key,
  consent_id text not null references consents (id) deferrable initially immediate,
  enterprise_id text not null references organisations (id) deferrable initially immediate,
  reader_user_id text references users (id) deferrable initially immediate,
  reader_organisation_id text not null references organisations (id) deferrable initially immediate,
  data_scope text not null,
  purpose text not null,
  request_id text,
  read_at timestamptz not null
);
create index consent_reads_enterprise_idx on consent_reads (enterprise_id, read_at desc, id desc);

create table verifier_assignments (
  id text primary key,
  verifier_id text not null references organisations (id) deferrable initially immediate,
  enterprise_id text not null references organisations (id) deferrable initially immediate,
  valid_from date not null,
  valid_to date not null,
  assigned_by text references users (id) deferrable initially immediate,
  created_at timestamptz not null,
  revoked_at timestamptz,
  check (valid_to >= valid_from)
);
create index verifier_assignments_verifier_idx on verifier_assignments (verifier_id, enterprise_id);

-- Jobs belong to whoever started them: their organisation sees their progress.
alter table jobs add column created_by text references users (id) deferrable initially immediate;
alter table jobs add column organisation_id text references organisations (id) deferrable initially immediate;
create index jobs_organisation_idx on jobs (organisation_id, created_at desc);
