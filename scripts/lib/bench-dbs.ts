/**
 * The databases of a cost curve: `--dbs a,b,c` (one benchmark database per size, e.g. the ones
 * `npm run bench:setup -- --lines N --db NAME` builds with the same seed), and `--clone`, which runs the
 * bench on a copy of each, dropped afterwards, so a bench that writes leaves its template as it was.
 */
import fs from "fs"
import { Client } from "pg"

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** "a, b,,c" -> ["a", "b", "c"] */
export const parseDbList = (s: string) =>
  s
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean)

/** The machine's 1-minute load average, as printed beside every figure. */
export const loadAverage = () => Number(fs.readFileSync("/proc/loadavg", "utf8").split(" ")[0])

/**
 * Runs `fn` on `<template>_clone` (CREATE DATABASE ... TEMPLATE), dropped afterwards, even on failure.
 * PostgreSQL refuses to copy a database someone is connected to: retried every 15 s for 10 minutes.
 */
export async function withClone<T>(
  adminUrl: string,
  template: string,
  fn: (db: string) => Promise<T>,
  log: (m: string) => void
): Promise<T> {
  const clone = `${template}_clone`
  const admin = new Client({ connectionString: adminUrl })
  await admin.connect()
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${ident(clone)} WITH (FORCE)`)
    const t = Date.now()
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${ident(clone)} TEMPLATE ${ident(template)}`)
        break
      } catch (e: any) {
        if (!/being accessed by other users/.test(e?.message ?? "") || attempt >= 40) {
          throw e
        }
        log(`${template} is in use (another session): retrying in 15 s`)
        await sleep(15_000)
      }
    }
    log(`cloned ${template} into ${clone} in ${((Date.now() - t) / 1000).toFixed(1)} s`)
  } finally {
    await admin.end()
  }
  try {
    return await fn(clone)
  } finally {
    const drop = new Client({ connectionString: adminUrl })
    await drop.connect()
    await drop.query(`DROP DATABASE IF EXISTS ${ident(clone)} WITH (FORCE)`).finally(() => drop.end())
    log(`dropped ${clone}`)
  }
}

/** Runs `fn` on each database in turn (on a copy of it with `clone`); results in the same order. */
export async function forEachDb<T>(
  dbs: string[],
  opts: { clone: boolean; adminUrl: string; log: (m: string) => void },
  fn: (db: string) => Promise<T>
): Promise<{ db: string; result: T }[]> {
  const results: { db: string; result: T }[] = []
  for (const db of dbs) {
    const result = opts.clone ? await withClone(opts.adminUrl, db, fn, opts.log) : await fn(db)
    results.push({ db, result })
  }
  return results
}
