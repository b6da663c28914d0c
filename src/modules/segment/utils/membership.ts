import { pgTextArray } from "../../../utils/sql"
import { SqlQuery } from "./queries"

/**
 * One statement that materializes a segment's membership from its members query:
 * current members no longer matching get `exited_at`, new matches get a row with
 * `entered_at`. Being a single statement it is atomic on its own. `excludeSegmentIds`
 * removes customers currently in those (higher-precedence exclusive) segments;
 * `customerIds` limits the change to those customers (incremental evaluation, where
 * the members query is already restricted to them). Answers the counts and the sorted ids of who
 * entered and who exited (the membership events, the group sync).
 */
export function membershipSql(
  members: SqlQuery,
  opts: { segmentId: string; at: Date; excludeSegmentIds?: string[]; customerIds?: string[] }
): SqlQuery {
  const params = [...members.params]
  const p = (v: unknown, cast: string) => {
    params.push(v)
    return `$${params.length}::${cast}`
  }
  const seg = p(opts.segmentId, "text")
  const at = p(opts.at.toISOString(), "timestamptz")
  const higher = opts.excludeSegmentIds?.length
    ? `\n  except select sm.customer_id from segment_membership sm
    where sm.segment_id = any(${p(pgTextArray(opts.excludeSegmentIds), "text[]")})
      and sm.exited_at is null and sm.deleted_at is null`
    : ""
  const scope = opts.customerIds ? ` and sm.customer_id = any(${p(pgTextArray(opts.customerIds), "text[]")})` : ""
  const sql = `with m as (
  ${members.sql}${higher}
),
exited as (
  update segment_membership sm set exited_at = ${at}, updated_at = now()
  where sm.segment_id = ${seg} and sm.exited_at is null and sm.deleted_at is null${scope}
    and not exists (select 1 from m where m.id = sm.customer_id)
  returning sm.customer_id
),
entered as (
  insert into segment_membership (id, segment_id, customer_id, entered_at, created_at, updated_at)
  select 'segmem_' || replace(gen_random_uuid()::text, '-', ''), ${seg}, m.id, ${at}, now(), now() from m
  where not exists (
    select 1 from segment_membership sm
    where sm.segment_id = ${seg} and sm.customer_id = m.id and sm.exited_at is null and sm.deleted_at is null
  )
  returning customer_id
)
select (select count(*) from entered)::int as entered, (select count(*) from exited)::int as exited,
  array(select customer_id from entered order by 1) as entered_ids,
  array(select customer_id from exited order by 1) as exited_ids`
  return { sql, params }
}
