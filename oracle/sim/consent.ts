// The simulated users' consent on a development chain: each one is impersonated and opts in to
// ParticipantRegistry with the scopes its tasks need, so the oracle (which follows consent from
// the chain) accepts their submissions. Idempotent: an account whose consent already covers the
// scopes is left alone. Returns when the last of them consented (unix ms): simulated work starts
// after it, because consent counts from the block that recorded it.
import { keccak256, toHex, type Address } from "viem";
import { participantRegistryAbi, SCOPES } from "@mesi/abi";
import { devChain } from "./dev-chain.ts";
import { TASK_SCOPE } from "../src/privacy/scopes.ts";

/** The policy the simulated users consent to (a hash of its text, as the web app sends). */
export const SIMULATED_POLICY = keccak256(toHex("Mesi Train2Earn privacy policy (simulation)"));

export async function optInSimulatedUsers(
  rpcUrl: string,
  registry: Address,
  accounts: readonly string[],
  scopes: number,
  onProgress?: (done: number, total: number) => void,
): Promise<{ optedIn: number; consentedBy: number }> {
  const { publicClient, impersonate, send } = devChain(rpcUrl);
  let optedIn = 0;
  let consentedBy = 0;
  for (const [i, a] of accounts.entries()) {
    const account = a as Address;
    let p = await publicClient.readContract({
      address: registry,
      abi: participantRegistryAbi,
      functionName: "participant",
      args: [account],
    });
    if ((p.scopes & scopes) !== scopes) {
      const wallet = await impersonate(account);
      await send(
        wallet.writeContract({
          address: registry,
          abi: participantRegistryAbi,
          functionName: "optIn",
          args: [scopes, SIMULATED_POLICY],
        }),
      );
      optedIn++;
      p = await publicClient.readContract({
        address: registry,
        abi: participantRegistryAbi,
        functionName: "participant",
        args: [account],
      });
    }
    consentedBy = Math.max(consentedBy, Number(p.consentedAt) * 1000);
    if ((i + 1) % 50 === 0 || i + 1 === accounts.length) onProgress?.(i + 1, accounts.length);
  }
  return { optedIn, consentedBy };
}

/** The scopes the task types of `submissions` need, as one bitmap. */
export const scopesFor = (submissions: readonly { taskType: keyof typeof TASK_SCOPE }[]): number =>
  submissions.reduce((bits, s) => bits | SCOPES[TASK_SCOPE[s.taskType]], 0);
