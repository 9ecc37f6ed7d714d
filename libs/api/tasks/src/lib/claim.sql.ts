/**
 * The statements inside `claim_next()` that pick what to serve, as text, so the plan check
 * (apps/api/integration/claim-plan.integration-spec.ts) EXPLAINs exactly what the function runs and
 * checks that the installed function carries this text. Parameters are the function's own:
 * $1 annotator, $2 vendor, $3 job (pick and gold only). Changing one means a new migration.
 *
 * `OFFSET 0` keeps "never seen by this annotator" a per-candidate index probe: flattened, Postgres
 * plans it as an anti-join that walks all of the annotator's assignments and slows as they grow.
 */

/**
 * The vendor's first open slot on any live job, depth-first (finish items before starting new ones).
 * Only `slots` is in FROM: joined to jobs, a planner with stale statistics (right after routing
 * inserted 300k slots) drove the pick from the live jobs and sorted every open slot, ~600 ms a claim.
 */
export const CLAIM_PICK_ANY_SQL = `SELECT s.item_id, s.slot_no, s.job_id
    FROM slots s
   WHERE s.vendor_org_id = $2 AND s.status = 'open'
     AND EXISTS (SELECT 1 FROM jobs j WHERE j.id = s.job_id AND j.status IN ('published', 'in_progress') OFFSET 0)
     AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.annotator_id = $1 AND a.item_id = s.item_id OFFSET 0)
   ORDER BY s.item_seq, s.slot_no
   LIMIT 1
   FOR UPDATE SKIP LOCKED`;

/** The same within one job (checked live beforehand), on its own index so other jobs' open slots are never walked. */
export const CLAIM_PICK_JOB_SQL = `SELECT s.item_id, s.slot_no, s.job_id
    FROM slots s
   WHERE s.vendor_org_id = $2 AND s.job_id = $3 AND s.status = 'open'
     AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.annotator_id = $1 AND a.item_id = s.item_id OFFSET 0)
   ORDER BY s.item_seq, s.slot_no
   LIMIT 1
   FOR UPDATE SKIP LOCKED`;

/** A gold item of the job this annotator has never seen ($3 is the picked slot's job here). */
export const CLAIM_GOLD_SQL = `SELECT i.id
    FROM items i
   WHERE i.job_id = $3 AND i.is_gold
     AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.annotator_id = $1 AND a.item_id = i.id OFFSET 0)
   ORDER BY random()
   LIMIT 1`;
