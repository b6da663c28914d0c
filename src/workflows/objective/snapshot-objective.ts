import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createObjectiveSnapshotsStep, CreateSnapshotsInput } from "./steps/create-snapshots"

export const snapshotObjectiveWorkflowId = "snapshot-objective"

/** Measures an objective now (treatment vs holdout, overall and per linked segment) and stores snapshots. */
export const snapshotObjectiveWorkflow = createWorkflow(snapshotObjectiveWorkflowId, (input: CreateSnapshotsInput) => {
  const snapshots = createObjectiveSnapshotsStep(input)
  return new WorkflowResponse(snapshots)
})
