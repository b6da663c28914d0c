import type { InferTypeOf } from "@medusajs/framework/types"
import type Objective from "./models/objective"
import type ObjectiveSnapshot from "./models/objective-snapshot"
import type DecisionLog from "./models/decision-log"
import type ObjectiveModuleService from "./service"

export type ObjectiveDTO = InferTypeOf<typeof Objective>
export type ObjectiveSnapshotDTO = InferTypeOf<typeof ObjectiveSnapshot>
export type DecisionLogDTO = InferTypeOf<typeof DecisionLog>

// The generated create methods are overloaded; `Parameters` reads the last (array) overload.
/** One objective as `createObjectives` / `updateObjectives` accept it. */
export type ObjectiveInput = Parameters<ObjectiveModuleService["createObjectives"]>[0][number]
/** One snapshot as `createObjectiveSnapshots` accepts it. */
export type ObjectiveSnapshotInput = Parameters<ObjectiveModuleService["createObjectiveSnapshots"]>[0][number]
/** One decision-log entry as `createDecisionLogs` accepts it. */
export type DecisionLogCreateInput = Parameters<ObjectiveModuleService["createDecisionLogs"]>[0][number]

export type { CustomerExperiment, ObjectiveAssignment } from "./utils/experiment"
export type { ExperimentGroup } from "./utils/holdout"
export type { LiftSeries, SeriesPoint } from "./utils/lift-series"
