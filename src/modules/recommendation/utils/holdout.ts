/**
 * The experiment group of a customer in an objective comes from the objective module's
 * deterministic hash (sha256(`${objective_id}:${customer_id}`)), so recommendations and the
 * objective's lift report always agree on who is held out.
 */
export { holdoutBucket, assignGroup as assignExperimentGroup } from "../../objective/utils/holdout"
export type { ExperimentGroup } from "../../objective/utils/holdout"
