DROP INDEX "opportunities_org_idx";--> statement-breakpoint
DROP INDEX "opportunities_stage_idx";--> statement-breakpoint
DROP INDEX "interactions_org_timeline_idx";--> statement-breakpoint
DROP INDEX "interactions_occurred_at_idx";--> statement-breakpoint
DROP INDEX "interactions_user_occurred_idx";--> statement-breakpoint
CREATE INDEX "opportunities_updated_at_idx" ON "opportunities" USING btree ("updated_at","id") WHERE "opportunities"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "opportunities_org_idx" ON "opportunities" USING btree ("organization_id","updated_at","id") WHERE "opportunities"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "opportunities_stage_idx" ON "opportunities" USING btree ("stage","updated_at","id") WHERE "opportunities"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "interactions_org_timeline_idx" ON "interactions" USING btree ("organization_id","occurred_at","id") WHERE "interactions"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "interactions_occurred_at_idx" ON "interactions" USING btree ("occurred_at","id") WHERE "interactions"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "interactions_user_occurred_idx" ON "interactions" USING btree ("user_id","occurred_at","id") WHERE "interactions"."deleted_at" IS NULL;