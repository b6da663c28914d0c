import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { SEGMENT_MODULE } from "../../../modules/segment"
import type SegmentModuleService from "../../../modules/segment/service"
import { SegmentData, validateSegmentData } from "./create-segment"

export const validateSegmentExistsStepId = "validate-segment-exists"

/** Fails with NOT_FOUND (a 404) unless the segment exists and is not deleted. Writes nothing. */
export const validateSegmentExistsStep = createStep(validateSegmentExistsStepId, async (id: string, { container }) => {
  const service: SegmentModuleService = container.resolve(SEGMENT_MODULE)
  const [segment] = await service.listSegments({ id }, { select: ["id"], take: 1 })
  if (!segment) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Segment with id "${id}" was not found`)
  }
  return new StepResponse(segment.id)
})

export const validateSegmentDataStepId = "validate-segment-data"

/** Checks a definition before any write: the rule tree (INVALID_DATA naming every bad path) and the currency. */
export const validateSegmentDataStep = createStep(validateSegmentDataStepId, async (data: SegmentData) => {
  validateSegmentData(data)
  return new StepResponse(true)
})
