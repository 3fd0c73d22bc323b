-- Version 11.1: a person can acknowledge a firing alert (who, when, an optional note). The alert's
-- firing/resolved state stays Alertmanager's; a new firing clears the acknowledgement.
alter table alert add column acknowledged_at timestamp with time zone;
alter table alert add column acknowledged_by varchar(200);
alter table alert add column ack_note varchar(800);
