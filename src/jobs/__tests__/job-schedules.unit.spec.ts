import path from "path"
import { JobLoader } from "@medusajs/framework/jobs"
import { WorkflowManager } from "@medusajs/framework/orchestration"

/** The jobs whose schedule a store may set from the environment, with the variable and the default. */
const JOBS: [string, string, string][] = [
  ["data-audit", "DATA_AUDIT_SCHEDULE", "0 3 * * *"],
  ["objective-snapshots", "OBJECTIVE_SNAPSHOT_SCHEDULE", "15 3 * * *"],
  ["segment-evaluate", "SEGMENT_EVALUATE_SCHEDULE", "15 * * * *"],
]

const silent = { error: () => {}, warn: () => {}, info: () => {}, debug: () => {} }

/**
 * Loads a job file as Medusa's job loader does at startup (it requires the file, then checks and
 * registers its config), with the environment variable set to `value` (or unset): the schedule
 * it would register, or the error that stops startup.
 */
async function loadJob(file: string, variable: string, value: string | undefined) {
  const previous = process.env[variable]
  if (value === undefined) {
    delete process.env[variable]
  } else {
    process.env[variable] = value
  }
  try {
    // each load imports the job's workflows afresh; they register in a process-wide map (none is scheduled here)
    WorkflowManager.getWorkflows().clear()
    let loaded: Promise<void> = Promise.resolve()
    const registered: { schedule: string }[] = []
    jest.isolateModules(() => {
      const loader = new JobLoader([], { resolve: () => silent } as never)
      // register() hands the job to the workflow scheduler, which a unit test does not start
      jest
        .spyOn(loader as never as { register: (job: { config: { schedule: string } }) => void }, "register")
        .mockImplementation((job) => {
          registered.push(job.config)
        })
      loaded = loader.loadFile(path.join(__dirname, "..", `${file}.ts`))
    })
    return await loaded.then(
      () => ({ schedule: registered[0]?.schedule, error: null }),
      (e: Error) => ({ schedule: undefined, error: e })
    )
  } finally {
    if (previous === undefined) {
      delete process.env[variable]
    } else {
      process.env[variable] = previous
    }
    WorkflowManager.getWorkflows().clear()
  }
}

describe.each(JOBS)("job %s (%s, default %j)", (file, variable, fallback) => {
  it("is registered on its default when the variable is unset, and on the variable's schedule when set", async () => {
    expect(await loadJob(file, variable, undefined)).toEqual({ schedule: fallback, error: null })
    expect(await loadJob(file, variable, "*/10 * * * * *")).toEqual({ schedule: "*/10 * * * * *", error: null })
  })

  it('is refused with "61 * * * *": Medusa\'s job loader fails naming the variable and the value', async () => {
    const { schedule, error } = await loadJob(file, variable, "61 * * * *")
    expect(schedule).toBeUndefined()
    expect(error?.message).toBe(
      `${variable}="61 * * * *" is not a cron schedule (Constraint error, got value 61 expected range 0-59); ` +
        "a cron schedule has 5 fields (minute hour day-of-month month day-of-week), 6 with seconds first, " +
        "or @hourly/@daily/@weekly/@monthly/@yearly"
    )
  })
})
