ALTER TABLE "calls" ALTER COLUMN "lat" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "calls" ALTER COLUMN "lon" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_location_pair_check" CHECK (("calls"."lat" is null) = ("calls"."lon" is null));