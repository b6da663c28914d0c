import { medusaIntegrationTestRunner } from "@medusajs/test-utils"

jest.setTimeout(120 * 1000)

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    describe("host store", () => {
      it("answers /health", async () => {
        const response = await api.get("/health")
        expect(response.status).toEqual(200)
      })

      it("registers the plugin's modules", async () => {
        const container = getContainer()
        for (const key of ["segment", "objective", "data_audit"]) {
          expect(container.resolve(key)).toBeDefined()
        }
      })
    })
  },
})
