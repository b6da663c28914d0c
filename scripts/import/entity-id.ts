import { randomBytes } from "crypto"

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
const POOL_IDS = 4096

/**
 * Ids in the format of Medusa's `generateEntityId` (`<prefix>_` + a 26-character ULID: 10 time
 * characters, 16 random ones), drawing the random part from a pooled buffer. The `ulid` package
 * Medusa uses asks `crypto.randomBytes(1)` once per character, ~100 us per id on this machine,
 * which was most of the importer's order phase (five ids per invoice and two per line).
 */
export function createEntityIdGenerator(now: () => number = Date.now) {
  let pool = randomBytes(16 * POOL_IDS)
  let offset = 0
  return (prefix: string): string => {
    let time = now()
    let timePart = ""
    for (let i = 0; i < 10; i++) {
      timePart = CROCKFORD[time % 32] + timePart
      time = Math.floor(time / 32)
    }
    if (offset + 16 > pool.length) {
      pool = randomBytes(16 * POOL_IDS)
      offset = 0
    }
    let randomPart = ""
    for (let i = 0; i < 16; i++) {
      randomPart += CROCKFORD[pool[offset + i] & 31]
    }
    offset += 16
    return `${prefix}_${timePart}${randomPart}`
  }
}
