CREATE TABLE "api_idempotency_keys" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "api_idempotency_keys_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"company_id" uuid,
	"credential" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"response_status" integer,
	"response_headers" jsonb,
	"response_body" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "api_idempotency_keys_scope_key" UNIQUE NULLS NOT DISTINCT("company_id","credential","key"),
	CONSTRAINT "api_idempotency_keys_key_length" CHECK (length("api_idempotency_keys"."key") between 1 and 255),
	CONSTRAINT "api_idempotency_keys_response_whole" CHECK (("api_idempotency_keys"."response_status" is null) = ("api_idempotency_keys"."response_body" is null) and ("api_idempotency_keys"."response_status" is null) = ("api_idempotency_keys"."response_headers" is null))
);
--> statement-breakpoint
CREATE TABLE "api_rate_limits" (
	"key_id" uuid PRIMARY KEY NOT NULL,
	"tat" timestamp with time zone NOT NULL,
	"allowed" boolean NOT NULL
);
--> statement-breakpoint
ALTER TABLE "parties" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "api_idempotency_keys" ADD CONSTRAINT "api_idempotency_keys_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_rate_limits" ADD CONSTRAINT "api_rate_limits_key_id_api_keys_id_fk" FOREIGN KEY ("key_id") REFERENCES "public"."api_keys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_idempotency_keys_expires_idx" ON "api_idempotency_keys" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "parties_company_updated_idx" ON "parties" USING btree ("company_id","updated_at","id");