CREATE TABLE "erased_steam_identities" (
	"steam_id_hash" text PRIMARY KEY NOT NULL,
	"erased_at" timestamp with time zone NOT NULL
);
