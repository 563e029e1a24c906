-- Action-plan supervision (issue 8, 督办): the carbon-finance action plan as versioned data, its
-- tasks with lead and partner agencies, milestones, indicators with their values per quarter,
-- progress reports with review, and the reminders already sent (one per item, organisation and day).
-- Forward-only; every foreign key DEFERRABLE (see 0001); no floats.

-- A loaded plan version; exactly one is current. The source JSON and the full text are kept as loaded.
create table supervision_plans (
  id text primary key,
  version integer not null unique check (version >= 1),
  title text not null,
  issuer text not null,
  document_number text,
  issued date,
  -- [{year, text}]
  targets jsonb not null,
  -- [{name, order, taskCount}]
  groups jsonb not null,
  source jsonb not null,
  full_text text,
  -- agency names that no organisation matched, kept as text
  unmapped_agencies jsonb not null,
  is_current boolean not null,
  loaded_at timestamptz not null,
  loaded_by text references users (id) deferrable initially immediate
);
create unique index supervision_plans_current_idx on supervision_plans (is_current) where is_current;

-- A task ('1'…'99') or a safeguard ('S1'…) of a plan.
create table supervision_tasks (
  plan_id text not null references supervision_plans (id) deferrable initially immediate,
  code text not null check (code ~ '^([1-9][0-9]?|S[1-9])$'),
  kind text not null check (kind in ('task', 'safeguard')),
  group_name text not null,
  position integer not null check (position >= 1),
  title text not null,
  summary text not null,
  deadline_text text,
  due_year integer check (due_year between 1900 and 2199),
  -- [{name, organisationId|null}]
  leads jsonb not null,
  partners jsonb not null,
  primary key (plan_id, code)
);

create table supervision_milestones (
  id text primary key,
  plan_id text not null,
  task_code text not null,
  title text not null,
  -- a city body, a regulator or a county government (the commission's assignment)
  owner_organisation_id text not null references organisations (id) deferrable initially immediate,
  due_date date not null,
  done_at timestamptz,
  done_note text,
  evidence_file_ids jsonb not null default '[]',
  version integer not null default 1 check (version >= 1),
  created_by text references users (id) deferrable initially immediate,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  foreign key (plan_id, task_code) references supervision_tasks (plan_id, code) deferrable initially immediate
);
create index supervision_milestones_task_idx on supervision_milestones (plan_id, task_code, due_date);

create table supervision_indicators (
  id text primary key,
  plan_id text not null,
  task_code text not null,
  name_zh text not null,
  name_en text,
  unit text not null,
  kind text not null check (kind in ('manual', 'computed')),
  -- computed: a key of the server's metric-provider registry
  metric text check (metric ~ '^[a-z][a-z0-9_]{0,63}$'),
  target numeric(24, 6),
  owner_organisation_id text references organisations (id) deferrable initially immediate,
  created_by text references users (id) deferrable initially immediate,
  created_at timestamptz not null,
  check ((kind = 'computed') = (metric is not null)),
  check (kind = 'computed' or owner_organisation_id is not null),
  foreign key (plan_id, task_code) references supervision_tasks (plan_id, code) deferrable initially immediate
);
create index supervision_indicators_task_idx on supervision_indicators (plan_id, task_code);

-- One manual value and one computed snapshot per indicator and quarter (a later entry replaces it).
create table supervision_indicator_values (
  indicator_id text not null references supervision_indicators (id) deferrable initially immediate,
  period text not null check (period ~ '^[0-9]{4}-Q[1-4]$'),
  source text not null check (source in ('manual', 'computed')),
  -- exact decimal as text (computed values keep their rounding, e.g. a share to 2 places)
  value text not null check (value ~ '^-?[0-9]+(\.[0-9]+)?$'),
  -- computed: the parts (e.g. counts per colour) as {key: decimal string}
  detail jsonb,
  entered_by text references users (id) deferrable initially immediate,
  evidence_file_ids jsonb not null default '[]',
  at timestamptz not null,
  primary key (indicator_id, period, source)
);

create table supervision_reports (
  id text primary key,
  plan_id text not null,
  task_code text not null,
  period text not null check (period ~ '^[0-9]{4}-Q[1-4]$'),
  organisation_id text not null references organisations (id) deferrable initially immediate,
  status text not null check (status in ('draft', 'submitted', 'returned', 'accepted')),
  claimed_status text not null check (claimed_status in ('not_started', 'on_track', 'at_risk', 'done')),
  narrative text not null,
  -- [{indicatorId, value}]
  indicator_values jsonb not null,
  evidence_file_ids jsonb not null,
  -- [{organisationId, text, at}]
  contributions jsonb not null default '[]',
  -- {by, at, decision, comment} of the latest review
  review jsonb,
  submitted_at timestamptz,
  created_by text references users (id) deferrable initially immediate,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  version integer not null default 1 check (version >= 1),
  foreign key (plan_id, task_code) references supervision_tasks (plan_id, code) deferrable initially immediate
);
create unique index supervision_reports_period_idx on supervision_reports (plan_id, task_code, period, organisation_id);

-- Reminders sent: at most one per (kind, item, organisation, day).
create table supervision_reminders (
  kind text not null check (kind in ('milestone_overdue', 'report_missing')),
  -- the milestone id, or '<plan>:<task>:<period>' for a missing report
  item_key text not null,
  organisation_id text not null references organisations (id) deferrable initially immediate,
  day date not null,
  notification_id text not null,
  created_at timestamptz not null,
  primary key (kind, item_key, organisation_id, day)
);
