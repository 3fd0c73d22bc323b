-- Version 7.1: webhook source secrets are stored encrypted (AES-256-GCM, "enc:v1:<key id>:<base64>"),
-- longer than the 512-character plaintext they hold. Existing plaintext rows are encrypted when
-- OpsSight starts (io.opssight.platform.boundary.SecretsAtRest), since the key is not the database's.
alter table source alter column secret set data type varchar(1024);
