CREATE TYPE "public"."report_basis" AS ENUM('accrual', 'cash');--> statement-breakpoint
CREATE TABLE "report_preferences" (
	"company_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"basis" "report_basis" NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_preferences_pkey" PRIMARY KEY("user_id","company_id")
);
--> statement-breakpoint
ALTER TABLE "report_preferences" ADD CONSTRAINT "report_preferences_member_fk" FOREIGN KEY ("company_id","user_id") REFERENCES "public"."company_members"("company_id","user_id") ON DELETE cascade ON UPDATE no action;