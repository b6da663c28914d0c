import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import SegmentModuleService from "../../src/modules/segment/service"
import ObjectiveModuleService from "../../src/modules/objective/service"
import DataAuditModuleService from "../../src/modules/data_audit/service"
import RecommendationModuleService from "../../src/modules/recommendation/service"

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

      it.each([
        ["segment", SegmentModuleService],
        ["objective", ObjectiveModuleService],
        ["data_audit", DataAuditModuleService],
        ["recommendation", RecommendationModuleService],
      ])("registers the %s module under its key", async (key, Service) => {
        expect(getContainer().resolve(key)).toBeInstanceOf(Service)
      })
    })
  },
})
