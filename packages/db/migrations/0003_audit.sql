-- Audit trail: append-only, hash-chained entries (one per command), and the chain heads exported
-- to detect truncation. Forward-only; PostgreSQL 15 syntax only. Domain rules: domain/src/audit/audit-chain.ts.
-- No foreign keys on purpose: the trail outlives the users, organisations and records it names.

create table audit_entries (
  -- 1, 2, 3… with no gap; assigned under an advisory lock in the writing transaction
  seq int8 primary key check (seq >= 1),
  -- when the command happened, ms since the Unix epoch (UTC); hashed as a JSON number
  at_ms int8 not null check (at_ms >= 0),
  actor_user_id text,
  actor_organisation_id text,
  -- <object>.<verb>, e.g. organisation.create
  action text not null check (action ~ '^[a-z][a-z0-9_-]*(\.[a-z0-9_-]+)*$'),
  target_type text,
  target_id text,
  -- hex hash of the RFC 8785 canonical JSON of the state before / after; null: no such state
  before_digest text check (before_digest ~ '^[0-9a-f]{64}$'),
  after_digest text check (after_digest ~ '^[0-9a-f]{64}$'),
  request_id text,
  algorithm text not null check (algorithm in ('sha256', 'sm3')),
  -- hash of entry seq - 1; 64 zeros for entry 1
  prev_hash text not null check (prev_hash ~ '^[0-9a-f]{64}$'),
  -- hex(H(canonical JSON of every column above, seq … prev_hash))
  hash text not null unique check (hash ~ '^[0-9a-f]{64}$')
);
-- Filters of the audit browser; each ends in seq for newest-first keyset pages.
create index audit_entries_actor_org_idx on audit_entries (actor_organisation_id, seq);
create index audit_entries_actor_user_idx on audit_entries (actor_user_id, seq);
-- text_pattern_ops: the action filter is a prefix match (action like 'organisation.%')
create index audit_entries_action_idx on audit_entries (action text_pattern_ops, seq);
create index audit_entries_target_idx on audit_entries (target_type, target_id, seq);
create index audit_entries_at_idx on audit_entries (at_ms, seq);

-- Heads of the chain as exported on a schedule (also written to DATA_DIR/audit/heads.jsonl).
create table audit_heads (
  seq int8 primary key check (seq >= 1),
  hash text not null check (hash ~ '^[0-9a-f]{64}$'),
  algorithm text not null check (algorithm in ('sha256', 'sm3')),
  exported_at timestamptz not null
);

-- Append-only: rows are never changed or removed by the platform. Maintenance (and a tamper test
-- playing an attacker with database access) must say so first: set cfp.audit_maintenance = 'on'.
-- TRUNCATE stays possible: `cfp db restore` truncates every table; the exported head exposes it.
create function audit_append_only() returns trigger language plpgsql as $$
begin
  if coalesce(current_setting('cfp.audit_maintenance', true), '') = 'on' then
    return case when tg_op = 'DELETE' then old else new end;
  end if;
  raise exception '% is append-only: % refused', tg_table_name, tg_op using errcode = 'insufficient_privilege';
end
$$;
create trigger audit_entries_append_only before update or delete on audit_entries for each row execute function audit_append_only();
create trigger audit_heads_append_only before update or delete on audit_heads for each row execute function audit_append_only();
