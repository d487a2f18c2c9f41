// Per-client token buckets: a client may burst up to `burst` requests, then `ratePerSecond`.
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  /**
   * Takes one token for `clientId`: 0 when granted, otherwise the whole seconds until one is
   * available again (what a 429's Retry-After says).
   */
  take(clientId: string, ratePerSecond: number, burst: number, now = Date.now()): number {
    const b = this.buckets.get(clientId) ?? { tokens: burst, at: now };
    b.tokens = Math.min(burst, b.tokens + ((now - b.at) / 1000) * ratePerSecond);
    b.at = now;
    this.buckets.set(clientId, b);
    if (b.tokens < 1) return Math.max(1, Math.ceil((1 - b.tokens) / ratePerSecond));
    b.tokens -= 1;
    return 0;
  }
}
