import { loadEnv, defineConfig } from "@medusajs/framework/utils"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

const REDIS_URL = process.env.REDIS_URL

/**
 * With REDIS_URL, Medusa's own Redis modules, so several server instances and a worker share
 * events, workflow state, scheduled jobs, locks and the cache (`npm run test:scale` runs that).
 * Without it, nothing is added: Medusa's in-process defaults, as the tests and the demo use.
 */
const redisModules = REDIS_URL
  ? [
      { resolve: "@medusajs/medusa/event-bus-redis", options: { redisUrl: REDIS_URL } },
      { resolve: "@medusajs/medusa/workflow-engine-redis", options: { redis: { redisUrl: REDIS_URL } } },
      {
        resolve: "@medusajs/medusa/locking",
        options: {
          providers: [
            {
              resolve: "@medusajs/medusa/locking-redis",
              id: "locking-redis",
              is_default: true,
              options: { redisUrl: REDIS_URL },
            },
          ],
        },
      },
      {
        resolve: "@medusajs/medusa/caching",
        options: {
          providers: [
            {
              resolve: "@medusajs/medusa/caching-redis",
              id: "caching-redis",
              is_default: true,
              options: { redisUrl: REDIS_URL },
            },
          ],
        },
      },
    ]
  : []

/**
 * The dev/demo/test host store. It loads this plugin's own modules from src/
 * (a store that installs the package uses `plugins: ["medusa-plugin-personalization"]`).
 * It is not shipped: `medusa plugin:build` only packs src/.
 */
module.exports = defineConfig({
  // The Caching Module is behind this flag in 2.21.2 (default off); on only with the Redis modules.
  ...(REDIS_URL ? { featureFlags: { caching: true } } : {}),
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    redisUrl: process.env.REDIS_URL,
    workerMode: (process.env.MEDUSA_WORKER_MODE as "shared" | "worker" | "server") || "shared",
    http: {
      storeCors: process.env.STORE_CORS || "http://localhost:8000",
      adminCors: process.env.ADMIN_CORS || "http://localhost:9000,http://localhost:5173",
      authCors: process.env.AUTH_CORS || "http://localhost:9000,http://localhost:5173,http://localhost:8000",
      jwtSecret: process.env.JWT_SECRET || "supersecret",
      cookieSecret: process.env.COOKIE_SECRET || "supersecret",
    },
  },
  admin: {
    disable: process.env.ADMIN_DISABLED === "true",
    backendUrl: process.env.MEDUSA_BACKEND_URL || "http://localhost:9000",
  },
  modules: [
    { resolve: "./src/modules/segment" },
    { resolve: "./src/modules/objective" },
    { resolve: "./src/modules/data_audit" },
    { resolve: "./src/modules/recommendation" },
    { resolve: "./src/modules/plan" },
    ...redisModules,
  ],
})
