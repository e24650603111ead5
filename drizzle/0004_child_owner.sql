ALTER TABLE "contacts" ADD COLUMN "owner_id" uuid;--> statement-breakpoint
ALTER TABLE "opportunities" ADD COLUMN "owner_id" uuid;--> statement-breakpoint
ALTER TABLE "interactions" ADD COLUMN "owner_id" uuid;--> statement-breakpoint
-- Backfill: each child takes its organization's assigned user.
UPDATE "contacts" c SET "owner_id" = o."assigned_user_id" FROM "organizations" o WHERE o."id" = c."organization_id";--> statement-breakpoint
UPDATE "opportunities" p SET "owner_id" = o."assigned_user_id" FROM "organizations" o WHERE o."id" = p."organization_id";--> statement-breakpoint
UPDATE "interactions" i SET "owner_id" = o."assigned_user_id" FROM "organizations" o WHERE o."id" = i."organization_id";--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opportunities" ADD CONSTRAINT "opportunities_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interactions" ADD CONSTRAINT "interactions_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contacts_owner_last_name_idx" ON "contacts" USING btree ("owner_id","last_name","id") WHERE "contacts"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "opportunities_owner_updated_idx" ON "opportunities" USING btree ("owner_id","updated_at","id") WHERE "opportunities"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "interactions_owner_occurred_idx" ON "interactions" USING btree ("owner_id","occurred_at","id") WHERE "interactions"."deleted_at" IS NULL;