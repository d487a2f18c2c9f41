// Amounts as people read them.
import { formatEther } from "viem";

export const fmtAmount = (wei: bigint, currency: "MESI" | "ETH") =>
  `${Number(formatEther(wei)).toLocaleString(undefined, { maximumFractionDigits: 4 })} ${currency === "MESI" ? "$MESI" : "ETH"}`;
