CREATE TYPE "public"."cadence" AS ENUM('daily', 'weekly', 'monthly', 'annual');--> statement-breakpoint
CREATE TYPE "public"."catch_up_policy" AS ENUM('all', 'latest', 'none');--> statement-breakpoint
CREATE TYPE "public"."event_outcome" AS ENUM('skipped', 'failed', 'needs_review', 'paused_after_failures');--> statement-breakpoint
CREATE TYPE "public"."rule_status" AS ENUM('active', 'paused', 'ended', 'completed', 'needs_review', 'deleted');--> statement-breakpoint
CREATE TYPE "public"."rule_type" AS ENUM('invoice', 'expense');--> statement-breakpoint
CREATE TYPE "public"."skip_reason" AS ENUM('paused', 'pause_until', 'catch_up_latest', 'catch_up_none', 'skipped_by_user');--> statement-breakpoint
CREATE TABLE "recurring_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "recurring_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"company_id" uuid NOT NULL,
	"rule_id" bigint NOT NULL,
	"occurrence_date" date,
	"outcome" "event_outcome" NOT NULL,
	"reason" "skip_reason",
	"message" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "recurring_events_skip_shape" CHECK (("recurring_events"."outcome" = 'skipped') = ("recurring_events"."reason" is not null)
      and ("recurring_events"."outcome" <> 'skipped' or "recurring_events"."occurrence_date" is not null))
);
--> statement-breakpoint
CREATE TABLE "recurring_rules" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "recurring_rules_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"company_id" uuid NOT NULL,
	"name" text NOT NULL,
	"type" "rule_type" NOT NULL,
	"party_id" bigint NOT NULL,
	"category_account_id" bigint NOT NULL,
	"amount_minor" bigint NOT NULL,
	"memo" text DEFAULT '' NOT NULL,
	"cadence" "cadence" NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date,
	"max_occurrences" integer,
	"interval_days" smallint,
	"weekday" smallint,
	"interval_weeks" smallint,
	"interval_months" smallint,
	"day_of_month" smallint,
	"end_of_month" boolean DEFAULT false NOT NULL,
	"nth_week" smallint,
	"nth_weekday" smallint,
	"due_days" smallint DEFAULT 0 NOT NULL,
	"due_date" date,
	"create_days_ahead" smallint DEFAULT 0 NOT NULL,
	"catch_up" "catch_up_policy" DEFAULT 'all' NOT NULL,
	"status" "rule_status" DEFAULT 'active' NOT NULL,
	"status_reason" text,
	"pause_until" date,
	"resume_on" date,
	"next_occurrence" date,
	"next_run_at" timestamp with time zone,
	"last_run_at" timestamp with time zone,
	"last_occurrence" date,
	"occurrences_posted" integer DEFAULT 0 NOT NULL,
	"consecutive_failures" smallint DEFAULT 0 NOT NULL,
	"last_error" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "recurring_rules_company_id_key" UNIQUE("company_id","id"),
	CONSTRAINT "recurring_rules_name_present" CHECK (length(trim("recurring_rules"."name")) between 1 and 120),
	CONSTRAINT "recurring_rules_amount_positive" CHECK ("recurring_rules"."amount_minor" > 0),
	CONSTRAINT "recurring_rules_end_after_start" CHECK ("recurring_rules"."end_date" is null or "recurring_rules"."end_date" >= "recurring_rules"."start_date"),
	CONSTRAINT "recurring_rules_max_occurrences" CHECK ("recurring_rules"."max_occurrences" is null or "recurring_rules"."max_occurrences" >= 1),
	CONSTRAINT "recurring_rules_interval_days" CHECK ("recurring_rules"."interval_days" is null or "recurring_rules"."interval_days" between 1 and 3650),
	CONSTRAINT "recurring_rules_weekday" CHECK ("recurring_rules"."weekday" is null or "recurring_rules"."weekday" between 0 and 6),
	CONSTRAINT "recurring_rules_interval_weeks" CHECK ("recurring_rules"."interval_weeks" is null or "recurring_rules"."interval_weeks" between 1 and 520),
	CONSTRAINT "recurring_rules_interval_months" CHECK ("recurring_rules"."interval_months" is null or "recurring_rules"."interval_months" between 1 and 120),
	CONSTRAINT "recurring_rules_day_of_month" CHECK ("recurring_rules"."day_of_month" is null or "recurring_rules"."day_of_month" between 1 and 31),
	CONSTRAINT "recurring_rules_nth_week" CHECK (("recurring_rules"."nth_week" is null) = ("recurring_rules"."nth_weekday" is null)
      and ("recurring_rules"."nth_week" is null or ("recurring_rules"."nth_week" between 1 and 5 and "recurring_rules"."nth_weekday" between 0 and 6))),
	CONSTRAINT "recurring_rules_due_days" CHECK ("recurring_rules"."due_days" between 0 and 3650),
	CONSTRAINT "recurring_rules_days_ahead" CHECK ("recurring_rules"."create_days_ahead" between 0 and 365),
	CONSTRAINT "recurring_rules_counts" CHECK ("recurring_rules"."occurrences_posted" >= 0 and "recurring_rules"."consecutive_failures" >= 0),
	CONSTRAINT "recurring_rules_active_planned" CHECK ("recurring_rules"."status" <> 'active' or ("recurring_rules"."next_occurrence" is not null and "recurring_rules"."next_run_at" is not null)),
	CONSTRAINT "recurring_rules_deleted" CHECK (("recurring_rules"."status" = 'deleted') = ("recurring_rules"."deleted_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "recurring_runs" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "recurring_runs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"trigger" text NOT NULL,
	"company_id" uuid,
	"rule_id" bigint,
	"dry_run" boolean DEFAULT false NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"rules_processed" integer DEFAULT 0 NOT NULL,
	"posted" integer DEFAULT 0 NOT NULL,
	"skipped" integer DEFAULT 0 NOT NULL,
	"duplicates" integer DEFAULT 0 NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"errors" text
);
--> statement-breakpoint
ALTER TABLE "recurring_events" ADD CONSTRAINT "recurring_events_rule_fk" FOREIGN KEY ("company_id","rule_id") REFERENCES "public"."recurring_rules"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recurring_rules" ADD CONSTRAINT "recurring_rules_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recurring_rules" ADD CONSTRAINT "recurring_rules_party_fk" FOREIGN KEY ("company_id","party_id") REFERENCES "public"."parties"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recurring_rules" ADD CONSTRAINT "recurring_rules_category_fk" FOREIGN KEY ("company_id","category_account_id") REFERENCES "public"."accounts"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "recurring_events_rule_idx" ON "recurring_events" USING btree ("rule_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "recurring_events_skip_once" ON "recurring_events" USING btree ("rule_id","occurrence_date") WHERE "recurring_events"."outcome" = 'skipped';--> statement-breakpoint
CREATE INDEX "recurring_rules_due_idx" ON "recurring_rules" USING btree ("next_run_at") WHERE "recurring_rules"."next_run_at" is not null;--> statement-breakpoint
CREATE INDEX "recurring_rules_company_idx" ON "recurring_rules" USING btree ("company_id","status");--> statement-breakpoint
CREATE INDEX "recurring_runs_started_idx" ON "recurring_runs" USING btree ("started_at");