#!/usr/bin/env node
// `npm test`: unit, module-integration and HTTP-integration suites against real PostgreSQL.
// Uses DB_* settings, or the server on localhost:5432, or starts embedded PostgreSQL.
//   node scripts/test.js [unit|integration:modules|integration:http|dataset ...] [path patterns] [--jest-flags]
const { spawn } = require("child_process")
const path = require("path")
const fs = require("fs")
const { resolvePostgres, ROOT } = require("./lib/postgres")

const SUITES = ["unit", "integration:modules", "integration:http"]

function run(cmd, args, env) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: "inherit", env, cwd: ROOT })
    child.on("close", (code) => resolve(code ?? 1))
  })
}

async function main() {
  const argv = process.argv.slice(2).filter((a) => a !== "--")
  const requested = argv.filter((a) => !a.startsWith("-"))
  // anything that is not a suite name is a path pattern for jest: `npm test -- integration:http segments`
  const known = [...SUITES, "dataset"]
  const patterns = requested.filter((a) => !known.includes(a))
  const extra = [...argv.filter((a) => a.startsWith("-")), ...patterns]
  const named = requested.filter((a) => known.includes(a))
  const suites = named.length ? named : SUITES
  const server = await resolvePostgres({ name: "test-postgres", preferUrl: false })
  const env = {
    ...process.env,
    NODE_ENV: "test",
    DB_HOST: server.host,
    DB_PORT: String(server.port),
    DB_USERNAME: server.user,
    DB_PASSWORD: server.password,
    // Medusa's info logs (migrations, link syncs) for every test app bury jest's own report.
    LOG_LEVEL: process.env.LOG_LEVEL || "warn",
    NODE_OPTIONS: [process.env.NODE_OPTIONS, "--experimental-vm-modules"].filter(Boolean).join(" "),
  }
  delete env.DATABASE_URL
  let failed = 0
  const totals = { passed: 0, failed: 0, skipped: 0 }
  const failures = []
  const jest = path.join(ROOT, "node_modules", "jest", "bin", "jest.js")
  for (const suite of suites) {
    process.stdout.write(`\n=== ${suite} ===\n`)
    const report = path.join(ROOT, ".cache", `jest-${suite.replace(/[^a-z]/g, "-")}.json`)
    fs.mkdirSync(path.dirname(report), { recursive: true })
    fs.rmSync(report, { force: true })
    const args = [jest, "--forceExit", "--passWithNoTests", "--json", "--outputFile", report, ...extra]
    if (suite !== "unit") {
      // One spec file at a time (one database server, one app per file), in a worker that jest
      // replaces once it holds more than 1.5 GB after a file: every spec file boots a Medusa app and
      // not all of it is freed, so in band (one process for all files) the heap grew past node's
      // ~4 GB limit by the 21st HTTP spec file. jest 29 uses a worker even at one when a limit is set.
      args.push("--maxWorkers=1", "--workerIdleMemoryLimit=1.5GB")
    }
    const code = await run(process.execPath, args, { ...env, TEST_TYPE: suite })
    if (code !== 0) failed++
    if (fs.existsSync(report)) {
      const r = JSON.parse(fs.readFileSync(report, "utf8"))
      totals.passed += r.numPassedTests
      totals.failed += r.numFailedTests + (r.numRuntimeErrorTestSuites || 0)
      totals.skipped += r.numPendingTests + r.numTodoTests
      failures.push(...failuresOf(suite, r))
    } else if (code !== 0) {
      totals.failed++
    }
  }
  fs.writeFileSync(path.join(ROOT, ".cache", "test-totals.json"), JSON.stringify(totals))
  if (failures.length) {
    // Repeated at the end so the failing test is in the last lines a CI log keeps.
    process.stdout.write(`\nfailed tests:\n${failures.join("\n")}\n`)
  }
  process.stdout.write(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`)
  await server.stop()
  process.exit(failed ? 1 : 0)
}

/** One line per failed test (suite, file, title, first lines of the message) from jest's --json report. */
function failuresOf(suite, report) {
  const out = []
  for (const file of report.testResults || []) {
    const rel = path.relative(ROOT, file.name)
    const failed = (file.assertionResults || []).filter((a) => a.status === "failed")
    if (!failed.length && file.status === "failed") {
      out.push(`  [${suite}] ${rel}: ${firstLines(file.message)}`)
    }
    for (const a of failed) {
      out.push(`  [${suite}] ${rel} > ${a.fullName}: ${firstLines((a.failureMessages || []).join("\n"))}`)
    }
  }
  return out
}

function firstLines(text) {
  return (
    String(text || "")
      // eslint-disable-next-line no-control-regex -- ANSI colour codes in jest's messages
      .replace(/\u001b\[[0-9;]*m/g, "")
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean)
      .slice(0, 6)
      .join(" | ")
      .slice(0, 1200)
  )
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
