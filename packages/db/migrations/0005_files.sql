-- Files: uploaded documents (spreadsheets, PDFs, images). The bytes live in the file store,
-- content-addressed by their SHA-256 (identical uploads share one blob); each row records one
-- upload: what it really is, who uploaded it and the record it belongs to, which decides who may
-- read it. Forward-only; every foreign key DEFERRABLE (see 0001); no floats.

create table files (
  -- UUID
  id text primary key,
  -- lowercase hex SHA-256 of the bytes: the file store's key
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  -- bytes; int8, travels as a decimal string
  size_bytes int8 not null check (size_bytes > 0),
  -- the media type found in the bytes (never the client's claim)
  detected_type text not null check (detected_type in ('application/pdf', 'image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv')),
  -- text/csv only: the encoding found (Excel on Chinese Windows writes GB18030/GBK)
  charset text check (charset in ('utf-8', 'gb18030')),
  -- the client's name, sanitised (no paths, controls or reserved characters): display and downloads
  original_name text not null check (length(original_name) between 1 and 255),
  uploaded_by text not null references users (id) deferrable initially immediate,
  -- the uploader's organisation at the time of the upload
  organisation_id text not null references organisations (id) deferrable initially immediate,
  -- the record the file belongs to: a kind (enterprise, organisation, later modules' records) and
  -- its id; no foreign key, the kinds live in different tables
  attached_to_type text not null check (attached_to_type ~ '^[a-z][a-z0-9_]{0,63}$'),
  attached_to_id text not null check (length(attached_to_id) between 1 and 64),
  created_at timestamptz not null,
  check ((charset is not null) = (detected_type = 'text/csv'))
);
-- The files of one record, newest first (keyset pages on created_at, id).
create index files_attached_idx on files (attached_to_type, attached_to_id, created_at desc, id desc);
-- Which rows share a blob (a cleanup job deletes blobs no row names).
create index files_sha256_idx on files (sha256);
