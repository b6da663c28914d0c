#!/usr/bin/env node
// `npm test`: unit, module-integration and HTTP-integration suites against real PostgreSQL.
// Uses DB_* settings, or the server on localhost:5432, or starts embedded PostgreSQL.
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
  const extra = argv.filter((a) => a.startsWith("-"))
  const suites = requested.length ? requested : SUITES
  const server = await resolvePostgres({ name: "test-postgres", preferUrl: false })
  const env = {
    ...process.env,
    NODE_ENV: "test",
    DB_HOST: server.host,
    DB_PORT: String(server.port),
    DB_USERNAME: server.user,
    DB_PASSWORD: server.password,
    NODE_OPTIONS: [process.env.NODE_OPTIONS, "--experimental-vm-modules"].filter(Boolean).join(" "),
  }
  delete env.DATABASE_URL
  let failed = 0
  const totals = { passed: 0, failed: 0, skipped: 0 }
  const jest = path.join(ROOT, "node_modules", "jest", "bin", "jest.js")
  for (const suite of suites) {
    process.stdout.write(`\n=== ${suite} ===\n`)
    const report = path.join(ROOT, ".cache", `jest-${suite.replace(/[^a-z]/g, "-")}.json`)
    fs.mkdirSync(path.dirname(report), { recursive: true })
    fs.rmSync(report, { force: true })
    const args = [jest, "--forceExit", "--passWithNoTests", "--json", "--outputFile", report, ...extra]
    if (suite !== "unit") {
      args.push("--runInBand")
    }
    const code = await run(process.execPath, args, { ...env, TEST_TYPE: suite })
    if (code !== 0) failed++
    if (fs.existsSync(report)) {
      const r = JSON.parse(fs.readFileSync(report, "utf8"))
      totals.passed += r.numPassedTests
      totals.failed += r.numFailedTests + (r.numRuntimeErrorTestSuites || 0)
      totals.skipped += r.numPendingTests + r.numTodoTests
    } else if (code !== 0) {
      totals.failed++
    }
  }
  fs.writeFileSync(path.join(ROOT, ".cache", "test-totals.json"), JSON.stringify(totals))
  process.stdout.write(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`)
  await server.stop()
  process.exit(failed ? 1 : 0)
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
