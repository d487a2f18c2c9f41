// The oracle's read API as the browser uses it: public TQS proofs, and (wallet-signed) an
// account's own proofs and receipt. Answers are validated before use.
import * as z from "zod/mini";
import type { Address, Hex } from "viem";
import { settings } from "../config/env.ts";
import { getJson } from "./http.ts";

const hexStr = z.string().check(z.regex(/^0x[0-9a-fA-F]*$/));
export const Proof = z.object({
  kind: z.string(),
  epoch: z.string(),
  subject: hexStr,
  score: z.string(),
  salt: hexStr,
  proof: z.array(hexStr),
  root: hexStr,
  datasetHash: hexStr,
});
export type Proof = Omit<z.infer<typeof Proof>, "proof" | "salt" | "root" | "subject"> & {
  subject: Hex;
  salt: Hex;
  root: Hex;
  proof: Hex[];
};

/** The account's public TQS and its proof in a TQS epoch; undefined when it has no score there. */
export async function tqsProof(epoch: bigint, account: Address): Promise<Proof | undefined> {
  try {
    return (await getJson(
      "oracle",
      `${settings.oracleUrl}/v1/proofs/tqs/${epoch}/${account}`,
      Proof,
    )) as Proof;
  } catch (err) {
    if ((err as { status?: number }).status === 404) return undefined;
    throw err;
  }
}
