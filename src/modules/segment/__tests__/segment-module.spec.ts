import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { SEGMENT_MODULE } from ".."
import SegmentModuleService from "../service"
import Segment from "../models/segment"

jest.setTimeout(60000)

moduleIntegrationTestRunner<SegmentModuleService>({
  moduleName: SEGMENT_MODULE,
  moduleModels: [Segment],
  resolve: "./src/modules/segment",
  testSuite: ({ service }) => {
    it("stores a segment with a seg_ id and defaults", async () => {
      const created = await service.createSegments({ name: "High value", handle: "high-value" })
      expect(created.id).toMatch(/^seg_/)
      expect(created.status).toBe("draft")
      expect(created.exclusive).toBe(false)
      const [listed, count] = await service.listAndCountSegments({ handle: "high-value" })
      expect(count).toBe(1)
      expect(listed[0].name).toBe("High value")
    })
  },
})
