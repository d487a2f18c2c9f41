// Whether the connected fan may join a campaign, and why not when not (window, capacity,
// consent scopes, KYC, exclusion, TQS), checked against the chain and the oracle's TQS proof
// before anything is sent; then the join itself.
import { useQuery } from "@tanstack/react-query";
import { useAccount, useBlock, useReadContracts } from "wagmi";
import { contract } from "../chain/contracts.ts";
import { tqsProof } from "../data/oracle.ts";
import type { Campaign } from "../data/queries.ts";
import { useTx } from "../wallet/useTx.ts";
import { TxStatus } from "../ui/TxStatus.tsx";
import { scopeTitles } from "@mesi/abi";

export default function JoinCampaign({ campaign }: { campaign: Campaign }) {
  const { address, isConnected } = useAccount();
  const registry = contract("ParticipantRegistry");
  const manager = contract("CampaignManager");
  const oracle = contract("ScoreOracle");
  const block = useBlock({ watch: true });
  const reads = useReadContracts({
    contracts: [
      { ...registry, functionName: "participant", args: [address!] },
      { ...manager, functionName: "membership", args: [campaign.id, address!] },
      { ...oracle, functionName: "latestFinalEpoch", args: [0] },
    ],
    allowFailure: false,
    query: { enabled: !!address },
  });
  const finalEpoch = reads.data?.[2];
  const proof = useQuery({
    queryKey: ["oracle", "tqs-proof", String(finalEpoch), address],
    queryFn: () => tqsProof(finalEpoch!, address!),
    enabled: !!address && !!finalEpoch,
  });
  const tx = useTx();

  if (!isConnected) return <p className="muted">Connect a wallet to see whether you can join.</p>;
  if (reads.error) return <p role="alert">The chain cannot be read right now.</p>;
  if (!reads.data || !block.data) return <p role="status">Checking whether you can join…</p>;
  const [participant, membership] = reads.data;
  if (membership.entry !== 0)
    return (
      <p className="ok" data-testid="joined">
        You joined this campaign{membership.selected ? " and were selected" : ""}.
      </p>
    );

  const now = Number(block.data.timestamp);
  const reasons: string[] = [];
  if (now < campaign.join_start) reasons.push("enrolment has not opened yet");
  if (now >= campaign.join_end) reasons.push("enrolment has closed");
  if (campaign.joined >= campaign.join_cap) reasons.push("the campaign is full");
  const missing = campaign.required_scopes & ~participant.scopes;
  if (participant.scopes === 0) reasons.push("you have not opted in (see My tickets)");
  else if (missing) reasons.push(`your consent lacks: ${scopeTitles(missing).join(", ")}`);
  if (participant.kycExpiry === 0) reasons.push("your identity is not verified (KYC)");
  else if (participant.kycExpiry <= now) reasons.push("your identity verification expired");
  if (participant.excluded) reasons.push("your account is excluded after quality checks");
  if (!finalEpoch) reasons.push("no Training Quality Score epoch is final yet");
  else if (proof.isSuccess && !proof.data)
    reasons.push("you have no Training Quality Score yet (it comes with your first epoch of work)");
  else if (proof.data && BigInt(proof.data.score) < BigInt(campaign.min_tqs))
    reasons.push(
      `your Training Quality Score ${(Number(proof.data.score) / 100).toFixed(2)}% is below the ${(campaign.min_tqs / 100).toFixed(2)}% needed`,
    );
  if (proof.error) return <p role="alert">{proof.error.message}</p>;

  return (
    <div>
      {reasons.length > 0 ? (
        <div data-testid="why-not">
          <p>You cannot join now:</p>
          <ul>
            {reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </div>
      ) : (
        <button
          type="button"
          disabled={tx.busy || !proof.data}
          onClick={() =>
            void tx.run(`Join campaign #${campaign.id}`, {
              ...manager,
              functionName: "join",
              args: [campaign.id, BigInt(proof.data!.score), proof.data!.proof],
            })
          }
        >
          {proof.data ? `Join campaign #${campaign.id}` : "Fetching your TQS proof…"}
        </button>
      )}
      <TxStatus state={tx.state} />
    </div>
  );
}
