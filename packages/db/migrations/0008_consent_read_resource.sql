-- The consent read log names what was read: null for the enterprise's data through the API (the
-- data scope says which), 'carbon_account_report' / 'carbon_account_report_pdf' for the enterprise
-- carbon account report (issue 7), so the enterprise sees when a bank opened or downloaded it.
alter table consent_reads add column resource text check (resource ~ '^[a-z0-9_]{1,64}$');
