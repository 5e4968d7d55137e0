CREATE TYPE "public"."account_status" AS ENUM('ACTIVE', 'DISABLED', 'DELETED');--> statement-breakpoint
CREATE TYPE "public"."authentication_kind" AS ENUM('PASSKEY', 'EMAIL', 'STEAM_ID64', 'GOOGLE', 'GITHUB', 'DISCORD', 'BATTLENET', 'X', 'FEDERATION');--> statement-breakpoint
CREATE TYPE "public"."challenge_purpose" AS ENUM('SIGN_IN', 'REGISTER', 'ADD_EMAIL', 'ADD_PASSKEY');--> statement-breakpoint
CREATE TYPE "public"."claim_decision" AS ENUM('GRANTED', 'DENIED');--> statement-breakpoint
CREATE TYPE "public"."claim_name" AS ENUM('EMAIL', 'FIRST_NAME', 'LAST_NAME');--> statement-breakpoint
CREATE TYPE "public"."claim_requirement" AS ENUM('OFF', 'OPTIONAL', 'REQUIRED', 'SYNTHETIC');--> statement-breakpoint
CREATE TYPE "public"."device_session_state" AS ENUM('PENDING', 'APPROVED', 'DENIED', 'CONSUMED', 'FAILED');--> statement-breakpoint
CREATE TYPE "public"."domain_state" AS ENUM('PENDING', 'VERIFIED');--> statement-breakpoint
CREATE TYPE "public"."email_verified_how" AS ENUM('EMAIL_OTP', 'GOOGLE', 'GITHUB', 'DISCORD', 'FEDERATION');--> statement-breakpoint
CREATE TYPE "public"."errand_state" AS ENUM('PENDING', 'COMPLETED', 'CONSUMED');--> statement-breakpoint
CREATE TYPE "public"."inquiry_purpose" AS ENUM('CONNECT', 'OIDC', 'DEVICE', 'ERRAND');--> statement-breakpoint
CREATE TYPE "public"."inquiry_state" AS ENUM('PENDING', 'REALIZED', 'REDEEMED', 'DEAD');--> statement-breakpoint
CREATE TYPE "public"."login_policy_kind" AS ENUM('ALLOW_ALL', 'BLOCK_ALL', 'SSO_ONLY');--> statement-breakpoint
CREATE TYPE "public"."member_role" AS ENUM('VIEWER', 'ADMIN', 'OWNER');--> statement-breakpoint
CREATE TYPE "public"."signing_key_state" AS ENUM('ACTIVE', 'RETIRED', 'REVOKED');--> statement-breakpoint
CREATE TABLE "access_key_credentials" (
	"id" uuid PRIMARY KEY NOT NULL,
	"application_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"label" text,
	"secret_hash" text NOT NULL,
	"access_token_ttl_seconds" integer,
	"refresh_token_ttl_seconds" integer,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "account_aliases" (
	"account_id" uuid PRIMARY KEY NOT NULL,
	"alias" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "account_aliases_alias_unique" UNIQUE("alias")
);
--> statement-breakpoint
CREATE TABLE "accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"first_name" text,
	"last_name" text,
	"locale" text,
	"status" "account_status" DEFAULT 'ACTIVE' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"disabled_at" timestamp with time zone,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"anchor" text NOT NULL,
	"organization_id" uuid,
	"sector_id" uuid NOT NULL,
	"names" jsonb NOT NULL,
	"default_locale" text DEFAULT 'en-US' NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"token_signing_private_key_sealed" text NOT NULL,
	"token_signing_public_key" text NOT NULL,
	"token_signing_key_rotated_at" timestamp with time zone,
	"client_auth_public_key" text NOT NULL,
	"client_auth_key_rotated_at" timestamp with time zone,
	"oidc_client_secret_hash" text,
	"oidc_client_secret_rotated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"disabled_at" timestamp with time zone,
	CONSTRAINT "applications_anchor_unique" UNIQUE("anchor")
);
--> statement-breakpoint
CREATE TABLE "authentication_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"method" text NOT NULL,
	"payload" jsonb NOT NULL,
	"access_token_ttl_seconds" integer,
	"refresh_token_ttl_seconds" integer,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "authentications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"kind" "authentication_kind" NOT NULL,
	"subject" text NOT NULL,
	"namespace" text DEFAULT '' NOT NULL,
	"label" text,
	"public_key" "bytea",
	"sign_count" bigint,
	"transports" jsonb,
	"aaguid" text,
	"backed_up" boolean,
	"device_type" text,
	"profile" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "browser_sessions" (
	"id_hash" text PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"authentication_method" text NOT NULL,
	"login_email" text,
	"auth_time" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "claim_grants" (
	"account_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"claim" "claim_name" NOT NULL,
	"decision" "claim_decision" NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "claim_grants_account_id_application_id_claim_pk" PRIMARY KEY("account_id","application_id","claim")
);
--> statement-breakpoint
CREATE TABLE "claim_policies" (
	"application_id" uuid NOT NULL,
	"claim" "claim_name" NOT NULL,
	"requirement" "claim_requirement" NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "claim_policies_application_id_claim_pk" PRIMARY KEY("application_id","claim")
);
--> statement-breakpoint
CREATE TABLE "device_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"device_code_hash" text NOT NULL,
	"user_code" text NOT NULL,
	"state" "device_session_state" DEFAULT 'PENDING' NOT NULL,
	"interval_seconds" integer NOT NULL,
	"last_polled_at" timestamp with time zone,
	"account_id" uuid,
	"authentication_method" text,
	"login_email" text,
	"access_token_ttl_seconds" integer,
	"refresh_token_ttl_seconds" integer,
	"auth_time" timestamp with time zone,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	CONSTRAINT "device_sessions_device_code_hash_unique" UNIQUE("device_code_hash")
);
--> statement-breakpoint
CREATE TABLE "domains" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"domain" text NOT NULL,
	"state" "domain_state" DEFAULT 'PENDING' NOT NULL,
	"verification_token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"verified_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "email_identities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"email" text NOT NULL,
	"verified_how" "email_verified_how" NOT NULL,
	"verified_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_primary" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "errands" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"errand_key_hash" text NOT NULL,
	"application_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"tasks" jsonb NOT NULL,
	"scope_key" text NOT NULL,
	"requires_sign_in" boolean DEFAULT false NOT NULL,
	"errand_key_sealed" text NOT NULL,
	"state" "errand_state" DEFAULT 'PENDING' NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "errands_errand_key_hash_unique" UNIQUE("errand_key_hash")
);
--> statement-breakpoint
CREATE TABLE "federation_connectors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"anchor" text NOT NULL,
	"organization_id" uuid NOT NULL,
	"display_name" text NOT NULL,
	"issuer" text NOT NULL,
	"client_id" text NOT NULL,
	"client_secret_sealed" text NOT NULL,
	"scopes" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"disabled_at" timestamp with time zone,
	CONSTRAINT "federation_connectors_anchor_unique" UNIQUE("anchor")
);
--> statement-breakpoint
CREATE TABLE "inquiries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"purpose" "inquiry_purpose" DEFAULT 'CONNECT' NOT NULL,
	"exposure_key_hash" text NOT NULL,
	"hidden_key_hash" text NOT NULL,
	"confirmation_key_hash" text,
	"confirmation_nonce" text,
	"authentication_constraints" jsonb,
	"realize_constraints" jsonb,
	"return_methods" jsonb,
	"lives_remaining" integer NOT NULL,
	"status_polls_remaining" integer NOT NULL,
	"state" "inquiry_state" DEFAULT 'PENDING' NOT NULL,
	"account_id" uuid,
	"authentication_method" text,
	"login_email" text,
	"access_token_ttl_seconds" integer,
	"refresh_token_ttl_seconds" integer,
	"auth_time" timestamp with time zone,
	"context" jsonb,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"realized_at" timestamp with time zone,
	"redeemed_at" timestamp with time zone,
	CONSTRAINT "inquiries_exposure_key_hash_unique" UNIQUE("exposure_key_hash")
);
--> statement-breakpoint
CREATE TABLE "login_policies" (
	"domain_id" uuid PRIMARY KEY NOT NULL,
	"policy" "login_policy_kind" NOT NULL,
	"connector_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mail_outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"recipient" text NOT NULL,
	"subject" text NOT NULL,
	"text_body" text NOT NULL,
	"html_body" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "memberships" (
	"organization_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"role" "member_role" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "memberships_organization_id_account_id_pk" PRIMARY KEY("organization_id","account_id")
);
--> statement-breakpoint
CREATE TABLE "oidc_authorization_codes" (
	"code_hash" text PRIMARY KEY NOT NULL,
	"application_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"redirect_uri" text NOT NULL,
	"code_challenge" text NOT NULL,
	"scope" text NOT NULL,
	"nonce" text,
	"auth_time" timestamp with time zone NOT NULL,
	"authentication_method" text,
	"login_email" text,
	"access_token_ttl_seconds" integer NOT NULL,
	"refresh_token_ttl_seconds" integer NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"consumed_at" timestamp with time zone,
	"issued_family_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "oidc_signing_keys" (
	"kid" text PRIMARY KEY NOT NULL,
	"private_key_sealed" text NOT NULL,
	"public_jwk" jsonb NOT NULL,
	"state" "signing_key_state" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"retired_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "organizations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"anchor" text NOT NULL,
	"name" text NOT NULL,
	"application_quota" integer DEFAULT 10 NOT NULL,
	"sector_quota" integer DEFAULT 10 NOT NULL,
	"domain_quota" integer DEFAULT 3 NOT NULL,
	"connector_quota" integer DEFAULT 3 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"disabled_at" timestamp with time zone,
	CONSTRAINT "organizations_anchor_unique" UNIQUE("anchor")
);
--> statement-breakpoint
CREATE TABLE "otp_challenges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"purpose" "challenge_purpose" NOT NULL,
	"email" text NOT NULL,
	"code_hash" text NOT NULL,
	"inquiry_id" uuid,
	"browser_binding" text NOT NULL,
	"account_id" uuid,
	"attempts" integer DEFAULT 0 NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"consumed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "passkey_challenges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"purpose" "challenge_purpose" NOT NULL,
	"challenge" text NOT NULL,
	"browser_binding" text NOT NULL,
	"inquiry_id" uuid,
	"account_id" uuid,
	"expires_at" timestamp with time zone NOT NULL,
	"consumed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "passkey_challenges_challenge_unique" UNIQUE("challenge")
);
--> statement-breakpoint
CREATE TABLE "rate_limit_buckets" (
	"key" text PRIMARY KEY NOT NULL,
	"count" integer NOT NULL,
	"window_ends_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "realize_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"constraint_type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"access_token_ttl_seconds" integer,
	"refresh_token_ttl_seconds" integer,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "refresh_token_families" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"account_id" uuid,
	"origin" text NOT NULL,
	"authentication_method" text,
	"email_address" text,
	"access_token_ttl_seconds" integer NOT NULL,
	"refresh_token_ttl_seconds" integer NOT NULL,
	"auth_time" timestamp with time zone NOT NULL,
	"oidc_scope" text,
	"access_key_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_reason" text
);
--> statement-breakpoint
CREATE TABLE "refresh_tokens" (
	"id_hash" text PRIMARY KEY NOT NULL,
	"family_id" uuid NOT NULL,
	"parent_id_hash" text,
	"issued_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"rotated_at" timestamp with time zone,
	"replaced_by_id_hash" text,
	"suspended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "relying_party_keys" (
	"application_anchor" text PRIMARY KEY NOT NULL,
	"client_auth_private_key_sealed" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "return_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"return_method" text NOT NULL,
	"payload" jsonb NOT NULL,
	"access_token_ttl_seconds" integer,
	"refresh_token_ttl_seconds" integer,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sector_subjects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"sector_id" uuid NOT NULL,
	"subject" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"retired_at" timestamp with time zone,
	CONSTRAINT "sector_subjects_subject_unique" UNIQUE("subject")
);
--> statement-breakpoint
CREATE TABLE "sectors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"anchor" text NOT NULL,
	"organization_id" uuid,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"disabled_at" timestamp with time zone,
	CONSTRAINT "sectors_anchor_unique" UNIQUE("anchor")
);
--> statement-breakpoint
CREATE TABLE "steam_ticket_replays" (
	"ticket_hash" text PRIMARY KEY NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "upstream_auth_states" (
	"state_hash" text PRIMARY KEY NOT NULL,
	"provider" text NOT NULL,
	"connector_id" uuid,
	"browser_binding" text NOT NULL,
	"inquiry_id" uuid,
	"code_verifier_sealed" text,
	"nonce" text,
	"return_to" text,
	"expires_at" timestamp with time zone NOT NULL,
	"consumed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "used_client_assertions" (
	"application_id" uuid NOT NULL,
	"jti" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "used_client_assertions_application_id_jti_pk" PRIMARY KEY("application_id","jti")
);
--> statement-breakpoint
ALTER TABLE "access_key_credentials" ADD CONSTRAINT "access_key_credentials_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_key_credentials" ADD CONSTRAINT "access_key_credentials_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_aliases" ADD CONSTRAINT "account_aliases_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_sector_id_sectors_id_fk" FOREIGN KEY ("sector_id") REFERENCES "public"."sectors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "authentication_rules" ADD CONSTRAINT "authentication_rules_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "authentications" ADD CONSTRAINT "authentications_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "browser_sessions" ADD CONSTRAINT "browser_sessions_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_grants" ADD CONSTRAINT "claim_grants_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_grants" ADD CONSTRAINT "claim_grants_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_policies" ADD CONSTRAINT "claim_policies_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "device_sessions" ADD CONSTRAINT "device_sessions_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "device_sessions" ADD CONSTRAINT "device_sessions_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "domains" ADD CONSTRAINT "domains_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_identities" ADD CONSTRAINT "email_identities_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "errands" ADD CONSTRAINT "errands_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "errands" ADD CONSTRAINT "errands_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "federation_connectors" ADD CONSTRAINT "federation_connectors_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inquiries" ADD CONSTRAINT "inquiries_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inquiries" ADD CONSTRAINT "inquiries_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "login_policies" ADD CONSTRAINT "login_policies_domain_id_domains_id_fk" FOREIGN KEY ("domain_id") REFERENCES "public"."domains"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "login_policies" ADD CONSTRAINT "login_policies_connector_id_federation_connectors_id_fk" FOREIGN KEY ("connector_id") REFERENCES "public"."federation_connectors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oidc_authorization_codes" ADD CONSTRAINT "oidc_authorization_codes_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oidc_authorization_codes" ADD CONSTRAINT "oidc_authorization_codes_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "otp_challenges" ADD CONSTRAINT "otp_challenges_inquiry_id_inquiries_id_fk" FOREIGN KEY ("inquiry_id") REFERENCES "public"."inquiries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "otp_challenges" ADD CONSTRAINT "otp_challenges_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "passkey_challenges" ADD CONSTRAINT "passkey_challenges_inquiry_id_inquiries_id_fk" FOREIGN KEY ("inquiry_id") REFERENCES "public"."inquiries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "passkey_challenges" ADD CONSTRAINT "passkey_challenges_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "realize_rules" ADD CONSTRAINT "realize_rules_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refresh_token_families" ADD CONSTRAINT "refresh_token_families_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refresh_token_families" ADD CONSTRAINT "refresh_token_families_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refresh_tokens" ADD CONSTRAINT "refresh_tokens_family_id_refresh_token_families_id_fk" FOREIGN KEY ("family_id") REFERENCES "public"."refresh_token_families"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_rules" ADD CONSTRAINT "return_rules_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sector_subjects" ADD CONSTRAINT "sector_subjects_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sector_subjects" ADD CONSTRAINT "sector_subjects_sector_id_sectors_id_fk" FOREIGN KEY ("sector_id") REFERENCES "public"."sectors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sectors" ADD CONSTRAINT "sectors_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "upstream_auth_states" ADD CONSTRAINT "upstream_auth_states_inquiry_id_inquiries_id_fk" FOREIGN KEY ("inquiry_id") REFERENCES "public"."inquiries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "used_client_assertions" ADD CONSTRAINT "used_client_assertions_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "access_key_credentials_app_account_idx" ON "access_key_credentials" USING btree ("application_id","account_id");--> statement-breakpoint
CREATE INDEX "applications_organization_idx" ON "applications" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "applications_sector_idx" ON "applications" USING btree ("sector_id");--> statement-breakpoint
CREATE INDEX "authentication_rules_application_idx" ON "authentication_rules" USING btree ("application_id");--> statement-breakpoint
CREATE UNIQUE INDEX "authentications_identity_uq" ON "authentications" USING btree ("kind","namespace","subject");--> statement-breakpoint
CREATE INDEX "authentications_account_idx" ON "authentications" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "browser_sessions_account_idx" ON "browser_sessions" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "claim_grants_application_idx" ON "claim_grants" USING btree ("application_id");--> statement-breakpoint
CREATE UNIQUE INDEX "device_sessions_live_user_code_uq" ON "device_sessions" USING btree ("user_code") WHERE "device_sessions"."state" in ('PENDING', 'APPROVED');--> statement-breakpoint
CREATE INDEX "device_sessions_expires_idx" ON "device_sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "domains_verified_uq" ON "domains" USING btree ("domain") WHERE "domains"."state" = 'VERIFIED';--> statement-breakpoint
CREATE UNIQUE INDEX "domains_org_domain_uq" ON "domains" USING btree ("organization_id","domain");--> statement-breakpoint
CREATE UNIQUE INDEX "email_identities_email_uq" ON "email_identities" USING btree ("email");--> statement-breakpoint
CREATE UNIQUE INDEX "email_identities_primary_uq" ON "email_identities" USING btree ("account_id") WHERE "email_identities"."is_primary";--> statement-breakpoint
CREATE INDEX "email_identities_account_idx" ON "email_identities" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "email_identities_domain_idx" ON "email_identities" USING btree (split_part("email", '@', 2));--> statement-breakpoint
CREATE INDEX "errands_app_account_idx" ON "errands" USING btree ("application_id","account_id");--> statement-breakpoint
CREATE INDEX "federation_connectors_organization_idx" ON "federation_connectors" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "inquiries_expires_idx" ON "inquiries" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "mail_outbox_created_idx" ON "mail_outbox" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "memberships_account_idx" ON "memberships" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "oidc_authorization_codes_expires_idx" ON "oidc_authorization_codes" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "otp_challenges_binding_idx" ON "otp_challenges" USING btree ("browser_binding");--> statement-breakpoint
CREATE INDEX "otp_challenges_expires_idx" ON "otp_challenges" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "passkey_challenges_expires_idx" ON "passkey_challenges" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "rate_limit_buckets_window_idx" ON "rate_limit_buckets" USING btree ("window_ends_at");--> statement-breakpoint
CREATE INDEX "realize_rules_application_idx" ON "realize_rules" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "refresh_token_families_account_app_idx" ON "refresh_token_families" USING btree ("account_id","application_id");--> statement-breakpoint
CREATE INDEX "refresh_tokens_family_idx" ON "refresh_tokens" USING btree ("family_id");--> statement-breakpoint
CREATE INDEX "return_rules_application_idx" ON "return_rules" USING btree ("application_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sector_subjects_live_uq" ON "sector_subjects" USING btree ("account_id","sector_id") WHERE "sector_subjects"."retired_at" is null;--> statement-breakpoint
CREATE INDEX "sectors_organization_idx" ON "sectors" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "steam_ticket_replays_expires_idx" ON "steam_ticket_replays" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "upstream_auth_states_expires_idx" ON "upstream_auth_states" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "used_client_assertions_expires_idx" ON "used_client_assertions" USING btree ("expires_at");