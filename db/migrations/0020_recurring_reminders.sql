CREATE TYPE "public"."reminder_status" AS ENUM('pending', 'posted', 'skipped');--> statement-breakpoint
CREATE TYPE "public"."rule_mode" AS ENUM('post', 'remind');--> statement-breakpoint
CREATE TABLE "recurring_reminders" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "recurring_reminders_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"company_id" uuid NOT NULL,
	"rule_id" bigint NOT NULL,
	"occurrence_date" date NOT NULL,
	"due_date" date NOT NULL,
	"amount_minor" bigint NOT NULL,
	"status" "reminder_status" DEFAULT 'pending' NOT NULL,
	"document_id" bigint,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	CONSTRAINT "recurring_reminders_rule_occurrence_key" UNIQUE("rule_id","occurrence_date"),
	CONSTRAINT "recurring_reminders_amount_positive" CHECK ("recurring_reminders"."amount_minor" > 0),
	CONSTRAINT "recurring_reminders_due_after_date" CHECK ("recurring_reminders"."due_date" >= "recurring_reminders"."occurrence_date"),
	CONSTRAINT "recurring_reminders_resolution" CHECK (("recurring_reminders"."status" = 'pending') = ("recurring_reminders"."resolved_at" is null)
      and ("recurring_reminders"."status" = 'posted') = ("recurring_reminders"."document_id" is not null)
      and ("recurring_reminders"."status" = 'skipped') = ("recurring_reminders"."reason" is not null))
);
--> statement-breakpoint
ALTER TABLE "recurring_rules" ADD COLUMN "mode" "rule_mode" DEFAULT 'post' NOT NULL;--> statement-breakpoint
ALTER TABLE "recurring_runs" ADD COLUMN "reminded" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "recurring_reminders" ADD CONSTRAINT "recurring_reminders_rule_fk" FOREIGN KEY ("company_id","rule_id") REFERENCES "public"."recurring_rules"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recurring_reminders" ADD CONSTRAINT "recurring_reminders_document_fk" FOREIGN KEY ("company_id","document_id") REFERENCES "public"."journal_entries"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "recurring_reminders_pending_idx" ON "recurring_reminders" USING btree ("company_id","occurrence_date","id") WHERE "recurring_reminders"."status" = 'pending';