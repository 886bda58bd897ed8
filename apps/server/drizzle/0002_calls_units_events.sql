CREATE TABLE "call_assignments" (
	"call_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"assigned_at" timestamp with time zone NOT NULL,
	"cleared_at" timestamp with time zone,
	CONSTRAINT "call_assignments_call_id_unit_id_assigned_at_pk" PRIMARY KEY("call_id","unit_id","assigned_at")
);
--> statement-breakpoint
CREATE TABLE "call_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"call_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"type" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" uuid,
	"actor" text,
	"source" text,
	"source_event_id" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "calls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"incident_number" text NOT NULL,
	"source" text NOT NULL,
	"source_id" text,
	"call_type" text NOT NULL,
	"call_type_description" text NOT NULL,
	"priority" integer NOT NULL,
	"original_priority" integer NOT NULL,
	"officer_initiated" boolean DEFAULT false NOT NULL,
	"lat" double precision NOT NULL,
	"lon" double precision NOT NULL,
	"address" text,
	"beat" text,
	"district" text,
	"status" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"dispatched_at" timestamp with time zone,
	"enroute_at" timestamp with time zone,
	"onscene_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"disposition" text,
	"caller_name" text,
	"caller_phone" text,
	"narrative" text,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "integration_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"last_used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "unit_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"unit_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"call_id" uuid,
	"actor_user_id" uuid,
	"actor" text
);
--> statement-breakpoint
CREATE TABLE "unit_positions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"unit_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"lat" double precision NOT NULL,
	"lon" double precision NOT NULL,
	"heading" double precision,
	"speed" double precision,
	"accuracy" double precision,
	"flag" text,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "units" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"call_sign" text NOT NULL,
	"type" text DEFAULT 'patrol' NOT NULL,
	"home_district" text NOT NULL,
	"status" text DEFAULT 'available' NOT NULL,
	"status_since" timestamp with time zone DEFAULT now() NOT NULL,
	"current_call_id" uuid,
	"lat" double precision,
	"lon" double precision,
	"heading" double precision,
	"speed" double precision,
	"accuracy" double precision,
	"position_at" timestamp with time zone,
	"last_heard_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE INDEX "call_assignments_unit_idx" ON "call_assignments" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "call_events_call_idx" ON "call_events" USING btree ("call_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "call_events_source_key" ON "call_events" USING btree ("source","source_event_id");--> statement-breakpoint
CREATE INDEX "call_events_at_idx" ON "call_events" USING btree ("at");--> statement-breakpoint
CREATE UNIQUE INDEX "calls_incident_number_key" ON "calls" USING btree ("incident_number");--> statement-breakpoint
CREATE UNIQUE INDEX "calls_source_key" ON "calls" USING btree ("source","source_id");--> statement-breakpoint
CREATE INDEX "calls_open_idx" ON "calls" USING btree ("status","district");--> statement-breakpoint
CREATE INDEX "calls_received_at_idx" ON "calls" USING btree ("received_at");--> statement-breakpoint
CREATE UNIQUE INDEX "integration_tokens_hash_key" ON "integration_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "integration_tokens_name_key" ON "integration_tokens" USING btree ("name");--> statement-breakpoint
CREATE INDEX "unit_events_unit_idx" ON "unit_events" USING btree ("unit_id","at");--> statement-breakpoint
CREATE INDEX "unit_events_at_idx" ON "unit_events" USING btree ("at");--> statement-breakpoint
CREATE UNIQUE INDEX "unit_positions_unit_at_key" ON "unit_positions" USING btree ("unit_id","at");--> statement-breakpoint
CREATE INDEX "unit_positions_at_idx" ON "unit_positions" USING btree ("at");--> statement-breakpoint
CREATE UNIQUE INDEX "units_call_sign_key" ON "units" USING btree ("call_sign");