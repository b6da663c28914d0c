// The decision log's workflow lives in src/workflows/decision-log; kept here for existing imports.
export * from "../decision-log/log-decision"
