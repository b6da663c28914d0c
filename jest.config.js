const { loadEnv } = require("@medusajs/framework/utils")
loadEnv("test", process.cwd())

const swc = [
  "@swc/jest",
  {
    jsc: {
      parser: { syntax: "typescript", decorators: true, tsx: true },
      transform: { react: { runtime: "automatic" } },
    },
  },
]

const base = {
  transform: { "^.+\\.[jt]sx?$": swc },
  testEnvironment: "node",
  moduleFileExtensions: ["js", "ts", "tsx", "json"],
  modulePathIgnorePatterns: ["dist/", "<rootDir>/.medusa/", "<rootDir>/.demo-data/"],
  setupFiles: ["./integration-tests/setup.js"],
}

const matchers = {
  unit: ["<rootDir>/src/**/*.unit.spec.[jt]s", "<rootDir>/scripts/**/*.unit.spec.[jt]s"],
  "integration:modules": ["<rootDir>/src/modules/*/__tests__/**/*.spec.[jt]s"],
  "integration:http": ["<rootDir>/integration-tests/http/**/*.spec.[jt]s"],
  dataset: ["<rootDir>/integration-tests/dataset/**/*.spec.[jt]s"],
}

const type = process.env.TEST_TYPE
module.exports = {
  ...base,
  testMatch: type
    ? matchers[type]
    : [...matchers.unit, ...matchers["integration:modules"], ...matchers["integration:http"]],
  testTimeout: 180000,
}
