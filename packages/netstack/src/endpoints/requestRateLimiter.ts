/** Buckets remembered at most; past it the oldest are forgotten (their addresses start full). */
const MAX_TRACKED_ADDRESSES = 16_384;

class Bucket {
  constructor(
    public tokens: number,
    public updatedAt: number,
  ) {}
}

/**
 * A token bucket per source address for connection requests, as WireGuard rate-limits
 * handshakes: each address may send `burst` requests at once and `perSecond` on
 * average, so one address cannot monopolise the server's token lookups and tag checks.
 */
export class RequestRateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
  ) {}

  /** Takes a token for `address` at `now`; false when its bucket is empty. */
  allow(address: string, now: number): boolean {
    let bucket = this.buckets.get(address);
    if (bucket === undefined) {
      if (this.buckets.size >= MAX_TRACKED_ADDRESSES) this.forgetOldest();
      bucket = new Bucket(this.burst, now);
      this.buckets.set(address, bucket);
    } else {
      const elapsed = Math.max(0, now - bucket.updatedAt);
      bucket.tokens = Math.min(this.burst, bucket.tokens + (elapsed * this.perSecond) / 1000);
      bucket.updatedAt = now;
    }
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  /** How many addresses have a bucket. */
  get trackedAddresses(): number {
    return this.buckets.size;
  }

  private forgetOldest(): void {
    let toForget = MAX_TRACKED_ADDRESSES / 4;
    for (const address of this.buckets.keys()) {
      this.buckets.delete(address);
      if (--toForget === 0) break;
    }
  }
}
