const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A numeric as JSON: null for NULL and NaN, as the driver's parseFloat + JSON.stringify gave. */
const jsonNumber = (column: string) => `CASE WHEN ${column} IS NULL OR ${column} = 'NaN' THEN 'null' ELSE ${column}::float8::text END`;

/**
 * COPY of a job's result lines (one JSON text per row, ResultLine's keys in order). COPY takes no
 * parameters, so the job id goes in as a literal, checked first. CSV mode with a delimiter and quote
 * that JSON text never holds raw (it escapes every control character) writes each line byte for byte.
 */
export function resultLinesCopySql(jobId: string): string {
  if (!UUID.test(jobId)) throw new Error(`not a job id: ${jobId}`);
  return `COPY (
    SELECT '{"itemId":"' || i.id || '","externalId":' || coalesce(to_json(i.external_id)::text, 'null') || ',"data":' || i.data::text
        || ',"aggregate":' || coalesce(r.aggregate::text, 'null') || ',"confidence":' || ${jsonNumber('r.confidence')} || ',"agreement":' || ${jsonNumber('r.agreement')}
        || ',"status":' || to_json(coalesce(r.status, 'pending'))::text || ',"answerCount":' || a.n || ',"vendors":' || a.vendors::text || '}'
      FROM items i LEFT JOIN item_results r ON r.item_id = i.id
     CROSS JOIN LATERAL (
       SELECT count(*)::int AS n, coalesce(jsonb_agg(DISTINCT jsonb_build_object('vendorOrgId', a.vendor_org_id, 'neutrality', a.vendor_neutrality)), '[]'::jsonb) AS vendors
         FROM answers a WHERE a.item_id = i.id AND NOT a.is_gold) a
     WHERE i.job_id = '${jobId}' AND NOT i.is_gold
     ORDER BY i.seq
  ) TO STDOUT (FORMAT csv, DELIMITER E'\x1f', QUOTE E'\x1e')`;
}
