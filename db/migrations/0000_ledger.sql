CREATE TYPE "public"."account_type" AS ENUM('asset', 'liability', 'equity', 'revenue', 'expense');--> statement-breakpoint
CREATE TYPE "public"."document_status" AS ENUM('open', 'partially_paid', 'paid', 'void');--> statement-breakpoint
CREATE TYPE "public"."entry_kind" AS ENUM('invoice', 'bill', 'payment_received', 'payment_made', 'void');--> statement-breakpoint
CREATE TYPE "public"."party_kind" AS ENUM('customer', 'vendor');--> statement-breakpoint
CREATE TYPE "public"."system_role" AS ENUM('cash', 'receivable', 'payable', 'customer_credits', 'equity', 'revenue');--> statement-breakpoint
CREATE TABLE "accounts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "accounts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"company_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"type" "account_type" NOT NULL,
	"role" "system_role",
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "accounts_company_id_key" UNIQUE("company_id","id"),
	CONSTRAINT "accounts_company_code_key" UNIQUE("company_id","code")
);
--> statement-breakpoint
CREATE TABLE "companies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"base_currency" text NOT NULL,
	"time_zone" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "companies_currency_iso" CHECK ("companies"."base_currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "companies_name_present" CHECK (length(trim("companies"."name")) > 0)
);
--> statement-breakpoint
CREATE TABLE "document_counters" (
	"company_id" uuid NOT NULL,
	"kind" "entry_kind" NOT NULL,
	"last_value" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "document_counters_pkey" PRIMARY KEY("company_id","kind")
);
--> statement-breakpoint
CREATE TABLE "journal_entries" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "journal_entries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"company_id" uuid NOT NULL,
	"kind" "entry_kind" NOT NULL,
	"entry_date" date NOT NULL,
	"reference" text NOT NULL,
	"memo" text DEFAULT '' NOT NULL,
	"number" text,
	"party_id" bigint,
	"due_date" date,
	"amount_minor" bigint,
	"category_account_id" bigint,
	"status" "document_status",
	"paid_minor" bigint DEFAULT 0 NOT NULL,
	"document_id" bigint,
	"applied_minor" bigint,
	"reverses_id" bigint,
	"rule_id" bigint,
	"occurrence_date" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "journal_entries_company_id_key" UNIQUE("company_id","id"),
	CONSTRAINT "journal_entries_company_reference_key" UNIQUE("company_id","reference"),
	CONSTRAINT "journal_entries_reference_present" CHECK (length("journal_entries"."reference") between 1 and 120),
	CONSTRAINT "journal_entries_amount_positive" CHECK ("journal_entries"."amount_minor" is null or "journal_entries"."amount_minor" > 0),
	CONSTRAINT "journal_entries_paid_range" CHECK ("journal_entries"."paid_minor" >= 0 and ("journal_entries"."amount_minor" is null or "journal_entries"."paid_minor" <= "journal_entries"."amount_minor")),
	CONSTRAINT "journal_entries_due_after_issue" CHECK ("journal_entries"."due_date" is null or "journal_entries"."due_date" >= "journal_entries"."entry_date"),
	CONSTRAINT "journal_entries_document_shape" CHECK ("journal_entries"."kind" not in ('invoice', 'bill') or ("journal_entries"."number" is not null and "journal_entries"."party_id" is not null
        and "journal_entries"."due_date" is not null and "journal_entries"."amount_minor" is not null and "journal_entries"."category_account_id" is not null
        and "journal_entries"."status" is not null)),
	CONSTRAINT "journal_entries_payment_shape" CHECK ("journal_entries"."kind" not in ('payment_received', 'payment_made') or ("journal_entries"."document_id" is not null
        and "journal_entries"."party_id" is not null and "journal_entries"."amount_minor" is not null and "journal_entries"."applied_minor" is not null
        and "journal_entries"."applied_minor" between 0 and "journal_entries"."amount_minor")),
	CONSTRAINT "journal_entries_void_shape" CHECK (("journal_entries"."kind" = 'void') = ("journal_entries"."reverses_id" is not null)),
	CONSTRAINT "journal_entries_rule_shape" CHECK (("journal_entries"."rule_id" is null) = ("journal_entries"."occurrence_date" is null))
);
--> statement-breakpoint
CREATE TABLE "journal_lines" (
	"entry_id" bigint NOT NULL,
	"line_no" smallint NOT NULL,
	"company_id" uuid NOT NULL,
	"account_id" bigint NOT NULL,
	"amount_minor" bigint NOT NULL,
	CONSTRAINT "journal_lines_pkey" PRIMARY KEY("entry_id","line_no"),
	CONSTRAINT "journal_lines_amount_nonzero" CHECK ("journal_lines"."amount_minor" <> 0)
);
--> statement-breakpoint
CREATE TABLE "parties" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "parties_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"company_id" uuid NOT NULL,
	"kind" "party_kind" NOT NULL,
	"name" text NOT NULL,
	"email" text,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "parties_company_id_key" UNIQUE("company_id","id")
);
--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_counters" ADD CONSTRAINT "document_counters_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_entries" ADD CONSTRAINT "journal_entries_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_entries" ADD CONSTRAINT "journal_entries_party_fk" FOREIGN KEY ("company_id","party_id") REFERENCES "public"."parties"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_entries" ADD CONSTRAINT "journal_entries_category_fk" FOREIGN KEY ("company_id","category_account_id") REFERENCES "public"."accounts"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_entries" ADD CONSTRAINT "journal_entries_document_fk" FOREIGN KEY ("company_id","document_id") REFERENCES "public"."journal_entries"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_entries" ADD CONSTRAINT "journal_entries_reverses_fk" FOREIGN KEY ("company_id","reverses_id") REFERENCES "public"."journal_entries"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_lines" ADD CONSTRAINT "journal_lines_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_lines" ADD CONSTRAINT "journal_lines_entry_fk" FOREIGN KEY ("company_id","entry_id") REFERENCES "public"."journal_entries"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_lines" ADD CONSTRAINT "journal_lines_account_fk" FOREIGN KEY ("company_id","account_id") REFERENCES "public"."accounts"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parties" ADD CONSTRAINT "parties_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_company_role_key" ON "accounts" USING btree ("company_id","role") WHERE "accounts"."role" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "journal_entries_reverses_key" ON "journal_entries" USING btree ("reverses_id") WHERE "journal_entries"."reverses_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "journal_entries_rule_occurrence_key" ON "journal_entries" USING btree ("rule_id","occurrence_date") WHERE "journal_entries"."rule_id" is not null;--> statement-breakpoint
CREATE INDEX "journal_entries_company_kind_date_idx" ON "journal_entries" USING btree ("company_id","kind","entry_date");--> statement-breakpoint
CREATE INDEX "journal_entries_document_idx" ON "journal_entries" USING btree ("document_id") WHERE "journal_entries"."document_id" is not null;--> statement-breakpoint
CREATE INDEX "journal_lines_company_account_idx" ON "journal_lines" USING btree ("company_id","account_id");--> statement-breakpoint
CREATE INDEX "parties_company_kind_idx" ON "parties" USING btree ("company_id","kind");