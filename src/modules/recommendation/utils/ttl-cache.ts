type Entry<T> = { at: number; value: T }

/**
 * An in-memory cache with one time-to-live and a size bound (oldest entries go first: a Map keeps
 * insertion order, and a refreshed entry moves to the end). Per server instance; the service
 * decides what may be cached and for how long.
 */
export class TtlCache<T = unknown> {
  protected readonly entries_ = new Map<string, Entry<T>>()

  constructor(
    protected readonly ttlMs: () => number,
    protected readonly maxEntries: number
  ) {}

  get size(): number {
    return this.entries_.size
  }

  /** The fresh value under `key`, or undefined. */
  get(key: string, now = Date.now()): T | undefined {
    const hit = this.entries_.get(key)
    return hit && now - hit.at < this.ttlMs() ? hit.value : undefined
  }

  set(key: string, value: T, now = Date.now()): void {
    if (!this.entries_.has(key) && this.entries_.size >= this.maxEntries) {
      for (const k of [...this.entries_.keys()].slice(0, Math.ceil(this.maxEntries / 10))) {
        this.entries_.delete(k)
      }
    }
    this.entries_.delete(key)
    this.entries_.set(key, { at: now, value })
  }

  /** The fresh value under `key`, loading (and keeping) it when missing or stale. */
  async through<V extends T>(key: string, load: () => Promise<V>): Promise<V> {
    const hit = this.get(key)
    if (hit !== undefined) {
      return hit as V
    }
    const value = await load()
    this.set(key, value)
    return value
  }

  delete(key: string): void {
    this.entries_.delete(key)
  }

  /** Drops entries whose key starts with `prefix`. */
  deletePrefix(prefix: string): void {
    for (const key of [...this.entries_.keys()]) {
      if (key.startsWith(prefix)) {
        this.entries_.delete(key)
      }
    }
  }

  clear(): void {
    this.entries_.clear()
  }
}
