// The decision log's workflow and step live in src/workflows/decision-log; kept here for existing imports.
export * from "../../decision-log/steps/log-decision"
