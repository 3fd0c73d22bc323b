-- OpsSight schema 3.4: indexes for the read side of the push API (newest-first keyset pages of
-- incidents and alerts, filtered by service). Pushes themselves need no schema: they are stored
-- as deliveries of internal sources of kind PUSH (see docs/INGESTION.md, "Push API").

create index incident_opened_ix on incident (opened_at desc, id desc);
create index alert_starts_ix on alert (starts_at desc, id desc);
create index alert_service_ix on alert (service_id, starts_at);
