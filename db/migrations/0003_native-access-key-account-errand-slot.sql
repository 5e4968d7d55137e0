ALTER TABLE "access_key_credentials" DROP CONSTRAINT "access_key_credentials_account_id_accounts_id_fk";
--> statement-breakpoint
ALTER TABLE "access_key_credentials" ALTER COLUMN "account_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "access_key_credentials" ADD CONSTRAINT "access_key_credentials_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "errands_live_uq" ON "errands" USING btree ("application_id","account_id","requires_sign_in") WHERE "errands"."state" = 'PENDING';--> statement-breakpoint
CREATE INDEX "errands_expires_idx" ON "errands" USING btree ("expires_at");