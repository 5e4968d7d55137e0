-- The portal's own application (seeded before this migration existed) accepts
-- ENTERPRISE_FEDERATION_DOMAIN_MANAGED, so the users of a domain under an
-- SSO_ONLY policy reach the portal and the CLI through their IdP (docs 22: only
-- BLOCK_ALL or a misconfigured SSO_ONLY locks a domain's users out). A fresh
-- database gets the rule from the seed instead (the application does not exist yet here).
INSERT INTO "authentication_rules" ("application_id", "method", "payload", "position")
SELECT a."id", 'ENTERPRISE_FEDERATION_DOMAIN_MANAGED', '{}'::jsonb,
       COALESCE((SELECT max(r."position") + 1 FROM "authentication_rules" r WHERE r."application_id" = a."id"), 0)
FROM "applications" a
WHERE a."anchor" = 'sudomimus-with'
  AND NOT EXISTS (
    SELECT 1 FROM "authentication_rules" r
    WHERE r."application_id" = a."id" AND r."method" = 'ENTERPRISE_FEDERATION_DOMAIN_MANAGED'
  );
