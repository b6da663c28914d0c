export * from "./recommendation-rules"
export * from "./rebuild-product-affinity"
export * from "./record-recommendation-event"
export * from "./recommend-products"
