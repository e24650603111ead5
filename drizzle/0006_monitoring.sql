CREATE TABLE "error_groups" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"type" varchar(120) NOT NULL,
	"message" varchar(400) NOT NULL,
	"top_frame" varchar(300),
	"count" bigint NOT NULL,
	"first_seen" timestamp with time zone NOT NULL,
	"last_seen" timestamp with time zone NOT NULL,
	"routes" jsonb NOT NULL,
	"samples" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "metric_rollups" (
	"instance_id" varchar(100) NOT NULL,
	"minute" timestamp with time zone NOT NULL,
	"kind" varchar(16) NOT NULL,
	"name" varchar(300) NOT NULL,
	"count" integer NOT NULL,
	"errors" integer NOT NULL,
	"p50_ms" double precision NOT NULL,
	"p95_ms" double precision NOT NULL,
	"p99_ms" double precision NOT NULL,
	"max_ms" double precision NOT NULL,
	"histogram" text NOT NULL,
	CONSTRAINT "metric_rollups_instance_id_minute_kind_name_pk" PRIMARY KEY("instance_id","minute","kind","name")
);
--> statement-breakpoint
CREATE INDEX "error_groups_last_seen_idx" ON "error_groups" USING btree ("last_seen");--> statement-breakpoint
CREATE INDEX "error_groups_count_idx" ON "error_groups" USING btree ("count");--> statement-breakpoint
CREATE INDEX "metric_rollups_kind_minute_idx" ON "metric_rollups" USING btree ("kind","minute");