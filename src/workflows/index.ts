// The package's `./workflows` export: every workflow and step of the plugin, for stores that
// compose them or attach to their hooks.
export * from "./segment"
export * from "./objective"
export * from "./decision-log"
export * from "./data-audit"
export * from "./recommendation"
export * from "./plan"
