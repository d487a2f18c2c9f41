// Constant-time comparison of a presented key with a configured one (auditor and reviewer
// keys), so response timing does not reveal how much of a guess was right.
import { timingSafeEqual } from "node:crypto";

export const sameSecret = (a: string, b: string): boolean =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
