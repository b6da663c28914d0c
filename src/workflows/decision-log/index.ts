export * from "./log-decision"
export * from "./steps/log-decision"
