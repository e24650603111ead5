-- Earlier data may hold several primaries per organization: keep the most recently changed one.
UPDATE "contacts" c SET "is_primary" = false
WHERE c."is_primary" AND c."deleted_at" IS NULL AND EXISTS (
  SELECT 1 FROM "contacts" d
  WHERE d."organization_id" = c."organization_id" AND d."is_primary" AND d."deleted_at" IS NULL
    AND (d."updated_at", d."id") > (c."updated_at", c."id")
);--> statement-breakpoint
CREATE UNIQUE INDEX "contacts_one_primary_key" ON "contacts" USING btree ("organization_id") WHERE "contacts"."is_primary" AND "contacts"."deleted_at" IS NULL;