import { CompiledRules } from "./compile"

export type SqlQuery = { sql: string; params: unknown[] }

/** Ids of the customers matching the compiled rules. */
export function membersQuery(c: CompiledRules): SqlQuery {
  return {
    sql: `${c.with}\nselect facts.id from facts where ${c.predicate}`,
    params: c.params,
  }
}

/**
 * One pass over the facts: the universe size, the match count, and for each
 * top-level condition how many customers it alone excludes.
 */
export function previewCountsQuery(c: CompiledRules): SqlQuery {
  const excl = c.topLevel.map((t, i) => `count(*) filter (where not ${t.sql})::int as x${i}`)
  return {
    sql: `${c.with}\nselect count(*)::int as total, count(*) filter (where ${c.predicate})::int as matched${
      excl.length ? ", " + excl.join(", ") : ""
    } from facts`,
    params: c.params,
  }
}

/** Up to `limit` matching customers with the fact of every condition. */
export function sampleQuery(c: CompiledRules, limit: number): SqlQuery {
  const cols = c.leaves.map((l) => `facts.${l.column}`)
  return {
    sql: `${c.with}\nselect facts.id, facts.email${cols.length ? ", " + cols.join(", ") : ""} from facts where ${
      c.predicate
    } order by facts.id limit $${c.params.length + 1}::int`,
    params: [...c.params, Math.max(1, Math.min(100, Math.floor(limit)))],
  }
}

/** Rewrites `$n` placeholders to knex `?` bindings (MikroORM `execute`), duplicating reused values. */
export function toKnexBindings(q: SqlQuery): SqlQuery {
  const params: unknown[] = []
  const sql = q.sql.replace(/\$(\d+)/g, (_, n) => {
    params.push(q.params[Number(n) - 1])
    return "?"
  })
  return { sql, params }
}

/**
 * The whole preview in one pass: facts are computed once (materialized), then the
 * counts, the per top-level condition exclusions and the first `limit` matches
 * (by id, with each condition's fact) are read from them.
 */
export function previewQuery(c: CompiledRules, limit: number): SqlQuery {
  const tops = c.topLevel.map((t, i) => `${t.sql} as t${i}`)
  // an array, not json_build_object arguments: a function call takes at most 100 arguments
  const excl = c.topLevel.map((_, i) => `count(*) filter (where not m.t${i})`)
  const cols = c.leaves.map((l) => `m.${l.column}`)
  return {
    sql: `${c.with},
  m as materialized (
    select facts.*, ${c.predicate} as ok${tops.length ? ", " + tops.join(", ") : ""} from facts
  )
select
  (select json_build_object('total', count(*), 'matched', count(*) filter (where m.ok), 'excluded', ${
    excl.length ? `array[${excl.join(", ")}]::int[]` : "array[]::int[]"
  }) from m) as counts,
  (select coalesce(json_agg(s order by s.id), '[]'::json) from (
    select m.id, m.email${cols.length ? ", " + cols.join(", ") : ""} from m where m.ok order by m.id limit $${c.params.length + 1}::int
  ) s) as samples`,
    params: [...c.params, Math.max(1, Math.min(100, Math.floor(limit)))],
  }
}

/**
 * The fact of every condition for each customer of the `facts` relation (compile with
 * `customerIds` to read some customers), matching or not: a members export shows the facts
 * behind each member, as of the compilation's `now`.
 */
export function factsQuery(c: CompiledRules): SqlQuery {
  const cols = c.leaves.map((l) => `facts.${l.column}`)
  return {
    sql: `${c.with}\nselect facts.id${cols.length ? ", " + cols.join(", ") : ""} from facts`,
    params: c.params,
  }
}
