-- Notifications (an in-app inbox per user and per organisation) and outgoing webhooks (endpoints,
-- the event outbox and one delivery per endpoint and event). Forward-only; PostgreSQL 15 syntax
-- only; every foreign key DEFERRABLE (see 0001).

create table notifications (
  id text primary key,
  -- exactly one recipient: one user, or every member of one organisation (each reads on their own)
  recipient_user_id text references users (id) deferrable initially immediate,
  recipient_organisation_id text references organisations (id) deferrable initially immediate,
  -- what happened, <object>.<event>, e.g. consent.granted
  type text not null check (type ~ '^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$'),
  title_zh text not null check (length(title_zh) between 1 and 200),
  title_en text not null check (length(title_en) between 1 and 200),
  body_zh text not null check (length(body_zh) <= 2000),
  body_en text not null check (length(body_en) <= 2000),
  -- a path inside the app (/consents/…), never another site
  link text check (link ~ '^/[^/\\]' and length(link) <= 500),
  created_at timestamptz not null,
  check ((recipient_user_id is null) <> (recipient_organisation_id is null))
);
-- The inbox: a user's own and their organisation's notifications, newest first.
create index notifications_user_idx on notifications (recipient_user_id, created_at desc, id desc) where recipient_user_id is not null;
create index notifications_organisation_idx on notifications (recipient_organisation_id, created_at desc, id desc) where recipient_organisation_id is not null;

-- Read state per user: a row means read (for organisation notifications, by that member only).
create table notification_reads (
  notification_id text not null references notifications (id) deferrable initially immediate,
  user_id text not null references users (id) deferrable initially immediate,
  read_at timestamptz not null,
  primary key (notification_id, user_id)
);
create index notification_reads_user_idx on notification_reads (user_id, notification_id);

-- An organisation's receiver of events, registered by its admins.
create table webhook_endpoints (
  id text primary key,
  organisation_id text not null references organisations (id) deferrable initially immediate,
  -- https (http only for hosts on WEBHOOK_ALLOW_HOSTS); addresses are checked when sending
  url text not null check (url ~ '^https?://' and length(url) <= 2048),
  -- event types, e.g. {consent.granted,consent.revoked}
  events text[] not null check (cardinality(events) >= 1),
  description text check (length(description) <= 200),
  -- the HMAC-SHA256 signing secret, shown once at registration; encrypted with the field keys
  -- (context webhook_endpoints.secret:<id>) because the sender needs it in clear
  secret_enc text not null,
  created_by text references users (id) deferrable initially immediate,
  created_at timestamptz not null,
  disabled_at timestamptz,
  disabled_by text references users (id) deferrable initially immediate,
  version integer not null default 1 check (version >= 1)
);
create index webhook_endpoints_organisation_idx on webhook_endpoints (organisation_id, created_at desc, id desc);
-- one live registration per URL and organisation
create unique index webhook_endpoints_live_url_idx on webhook_endpoints (organisation_id, url) where disabled_at is null;

-- The outbox: an event written in the same transaction as the change it reports. Rows exist only
-- for events that at least one endpoint subscribed to.
create table webhook_events (
  -- sent to receivers as X-CFP-Event-Id and "id": the key to deduplicate on
  id text primary key,
  organisation_id text not null references organisations (id) deferrable initially immediate,
  type text not null check (type ~ '^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$'),
  -- the "data" member of the body sent; decimals inside are strings
  payload jsonb not null,
  created_at timestamptz not null
);

-- One event to one endpoint: pending until a 2xx (delivered) or until it gives up (dead).
create table webhook_deliveries (
  id text primary key,
  event_id text not null references webhook_events (id) deferrable initially immediate,
  endpoint_id text not null references webhook_endpoints (id) deferrable initially immediate,
  -- the endpoint's organisation, copied for the dead-letter view's filter
  organisation_id text not null references organisations (id) deferrable initially immediate,
  status text not null check (status in ('pending', 'delivered', 'dead')),
  -- attempts made so far, re-queued rounds included
  attempts integer not null default 0 check (attempts >= 0),
  -- pending: when the next attempt is due (a claimed delivery's lease ends then too); else null
  next_attempt_at timestamptz,
  -- the sender holding the lease, so that a late answer from an expired lease changes nothing
  claim_token text,
  -- start of the 24 h retry window; reset when an admin re-queues a dead delivery
  first_attempt_at timestamptz,
  last_attempt_at timestamptz,
  -- HTTP status of the last answer; null when there was none (refused, timeout, network error)
  last_status_code integer check (last_status_code between 100 and 599),
  last_error text check (length(last_error) <= 500),
  delivered_at timestamptz,
  dead_at timestamptz,
  created_at timestamptz not null,
  check ((status = 'pending') = (next_attempt_at is not null))
);
-- The sender's queue: due pending deliveries, oldest due first.
create index webhook_deliveries_due_idx on webhook_deliveries (next_attempt_at, id) where status = 'pending';
create index webhook_deliveries_organisation_idx on webhook_deliveries (organisation_id, status, created_at desc, id desc);
create index webhook_deliveries_endpoint_idx on webhook_deliveries (endpoint_id, created_at desc, id desc);
create index webhook_deliveries_event_idx on webhook_deliveries (event_id);
