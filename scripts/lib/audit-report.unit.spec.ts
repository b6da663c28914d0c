import { formatFindingsTable, parseCliArgs } from "./audit-report"

describe("parseCliArgs", () => {
  it.each([
    [[], { fail_on: "high", json: false }, []],
    [["--", "--fail-on=medium", "--json"], { fail_on: "medium", json: true }, []],
    [["fail-on=low", "json"], { fail_on: "low", json: true }, []],
    [
      ["--fail-on=none", "--stale-days=90", "--samples=5"],
      { fail_on: "none", json: false, stale_days: 90, sample_size: 5 },
      [],
    ],
    [
      ["--checks=customers.guest_orders,orders.canceled"],
      { fail_on: "high", json: false, check_ids: ["customers.guest_orders", "orders.canceled"] },
      [],
    ],
    [
      ["--fail-on=severe"],
      { fail_on: "high", json: false },
      ["--fail-on must be one of info, low, medium, high, none"],
    ],
    [
      ["--stale-days=0", "--samples=21", "--wat"],
      { fail_on: "high", json: false },
      [
        "--stale-days must be an integer from 1 to 3650",
        "--samples must be an integer from 0 to 20",
        "unknown argument --wat",
      ],
    ],
  ])("%j", (args, options, errors) => {
    const r = parseCliArgs(args as string[])
    expect(r.options).toEqual(options)
    expect(r.errors).toEqual(errors)
  })
})

describe("formatFindingsTable", () => {
  it("aligns columns and labels subjects", () => {
    const out = formatFindingsTable([
      {
        area: "customers",
        severity: "high",
        check_id: "customers.guest_orders",
        affected: 3710,
        total: 25900,
        share: 3710 / 25900,
      },
      {
        area: "readiness",
        severity: "high",
        check_id: "readiness.segment_attributes",
        subject_label: "VIP",
        affected: 1,
        total: 4,
        share: 0.25,
      },
    ])
    expect(out.split("\n")).toEqual([
      "AREA       SEVERITY  CHECK                               AFFECTED  TOTAL  SHARE",
      "---------  --------  ----------------------------------  --------  -----  -----",
      "customers  high      customers.guest_orders                  3710  25900  14.3%",
      "readiness  high      readiness.segment_attributes [VIP]         1      4  25.0%",
    ])
  })
})
