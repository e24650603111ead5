-- Dashboard figures per owner (the organization's assigned user; unassigned organizations are
-- grouped under the nil UUID so the team total still counts them). Refreshed CONCURRENTLY by the
-- dashboard.refresh job, which needs the unique indexes below. "This month" and "this quarter"
-- are evaluated at refresh time, in the database's time zone.
CREATE MATERIALIZED VIEW IF NOT EXISTS "dashboard_owner_figures" AS
SELECT
  coalesce(o.assigned_user_id, '00000000-0000-0000-0000-000000000000'::uuid) AS owner_id,
  count(*)::bigint AS organizations,
  (count(*) FILTER (WHERE o.priority_level = 'A'))::bigint AS a_priority_organizations,
  coalesce(sum(c.contacts), 0)::bigint AS contacts,
  coalesce(sum(i.interactions), 0)::bigint AS interactions_this_month,
  coalesce(sum(p.open_opportunities), 0)::bigint AS open_opportunities,
  coalesce(sum(p.pipeline_value_cents), 0)::bigint AS pipeline_value_cents,
  coalesce(sum(p.won_value_cents), 0)::bigint AS won_this_quarter_cents,
  coalesce(sum(p.won_count), 0)::bigint AS won_this_quarter,
  coalesce(sum(p.lost_count), 0)::bigint AS lost_this_quarter,
  now() AS refreshed_at
FROM organizations o
LEFT JOIN (
  SELECT organization_id, count(*) AS contacts
  FROM contacts WHERE deleted_at IS NULL
  GROUP BY organization_id
) c ON c.organization_id = o.id
LEFT JOIN (
  SELECT organization_id, count(*) AS interactions
  FROM interactions
  WHERE deleted_at IS NULL AND occurred_at >= date_trunc('month', now())
  GROUP BY organization_id
) i ON i.organization_id = o.id
LEFT JOIN (
  SELECT
    organization_id,
    count(*) FILTER (WHERE stage NOT IN ('closed_won', 'closed_lost')) AS open_opportunities,
    sum(value_cents) FILTER (WHERE stage NOT IN ('closed_won', 'closed_lost')) AS pipeline_value_cents,
    sum(value_cents) FILTER (WHERE stage = 'closed_won' AND closed_at >= date_trunc('quarter', now())) AS won_value_cents,
    count(*) FILTER (WHERE stage = 'closed_won' AND closed_at >= date_trunc('quarter', now())) AS won_count,
    count(*) FILTER (WHERE stage = 'closed_lost' AND closed_at >= date_trunc('quarter', now())) AS lost_count
  FROM opportunities WHERE deleted_at IS NULL
  GROUP BY organization_id
) p ON p.organization_id = o.id
WHERE o.deleted_at IS NULL
GROUP BY 1;
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "dashboard_owner_figures_owner_key" ON "dashboard_owner_figures" (owner_id);
--> statement-breakpoint
CREATE MATERIALIZED VIEW IF NOT EXISTS "dashboard_stage_figures" AS
SELECT
  coalesce(o.assigned_user_id, '00000000-0000-0000-0000-000000000000'::uuid) AS owner_id,
  p.stage,
  count(*)::bigint AS opportunities,
  coalesce(sum(p.value_cents), 0)::bigint AS value_cents
FROM opportunities p
JOIN organizations o ON o.id = p.organization_id AND o.deleted_at IS NULL
WHERE p.deleted_at IS NULL
GROUP BY 1, 2;
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "dashboard_stage_figures_owner_stage_key" ON "dashboard_stage_figures" (owner_id, stage);
