// Per-client token buckets: a client may burst up to `burst` requests, then `ratePerSecond`.
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  /** Takes one token for `clientId`; false when the client must slow down. */
  take(clientId: string, ratePerSecond: number, burst: number, now = Date.now()): boolean {
    const b = this.buckets.get(clientId) ?? { tokens: burst, at: now };
    b.tokens = Math.min(burst, b.tokens + ((now - b.at) / 1000) * ratePerSecond);
    b.at = now;
    this.buckets.set(clientId, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }
}
