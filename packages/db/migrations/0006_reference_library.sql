-- Reference library (issue 5): versioned factor records — fuel factor sets, grid and heat factors,
-- process factors, GWP sets, standard-coal conversions, energy-efficiency benchmarks. A record is
-- never changed: an administrator's override or confirmation is a new version, so every figure
-- that names `id@version` can be recomputed. The shipped reference/*.json records are written at
-- start-up (missing ones only). Forward-only; every foreign key DEFERRABLE (see 0001); no floats:
-- values travel as decimal strings inside `body`.

create table reference_records (
  kind text not null check (kind in ('fuel_factor_set', 'electricity_factor', 'heat_factor', 'heat_conversion', 'process_factor', 'gwp_set', 'standard_coal_factor', 'energy_benchmark')),
  id text not null check (id ~ '^[a-z0-9_]{1,64}$'),
  version integer not null check (version >= 1),
  -- reference/README.md status: a result that used an unverified value is provisional
  status text not null check (status in ('verified', 'secondary', 'unverified', 'design')),
  -- the record as in the reference file (names, source, values as decimal strings, version, status)
  body jsonb not null check (jsonb_typeof(body) = 'object' and body ->> 'id' = id and (body ->> 'version')::integer = version),
  -- shipped: from reference/*.json; published: by an administrator through the API
  origin text not null check (origin in ('shipped', 'published')),
  -- a published version is the default from this date on (null: at once); pinned references reach it earlier
  effective_from date,
  published_by text references users (id) deferrable initially immediate,
  published_at timestamptz not null,
  primary key (kind, id, version),
  check ((origin = 'published') = (published_by is not null))
);
create index reference_records_status_idx on reference_records (status, kind, id);

create function reference_records_immutable() returns trigger language plpgsql as $$
begin
  raise exception 'reference_records are immutable: publish a new version instead';
end;
$$;
create trigger reference_records_immutable before update or delete on reference_records for each row execute function reference_records_immutable();
