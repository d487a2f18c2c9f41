// Consent, KYC attestations and exclusions per account.
import { ponder } from "ponder:registry";
import { exclusionChange, participant } from "ponder:schema";
import type { Hex } from "viem";
import { asciiId } from "../lib/codes.ts";

const blank = (account: Hex, updatedAt: number) => ({
  account,
  scopes: 0,
  kycExpiry: 0,
  excluded: false,
  updatedAt,
});

ponder.on("ParticipantRegistry:ConsentGiven", async ({ event, context }) => {
  const t = Number(event.block.timestamp);
  const consent = { scopes: event.args.scopes, policyHash: event.args.policyHash, consentedAt: t };
  await context.db
    .insert(participant)
    .values({ ...blank(event.args.account, t), ...consent })
    .onConflictDoUpdate({ ...consent, updatedAt: t });
});

ponder.on("ParticipantRegistry:ConsentRevoked", async ({ event, context }) => {
  const t = Number(event.block.timestamp);
  const revoked = { scopes: 0, policyHash: null, consentedAt: null, consentRevokedAt: t };
  await context.db
    .insert(participant)
    .values({ ...blank(event.args.account, t), ...revoked })
    .onConflictDoUpdate({ ...revoked, updatedAt: t });
});

ponder.on("ParticipantRegistry:KycAttested", async ({ event, context }) => {
  const t = Number(event.block.timestamp);
  const kyc = {
    kycExpiry: event.args.expiry,
    kycRef: event.args.ref,
    kycAttestor: event.args.attestor,
    kycRevokedAt: null,
  };
  await context.db
    .insert(participant)
    .values({ ...blank(event.args.account, t), ...kyc })
    .onConflictDoUpdate({ ...kyc, updatedAt: t });
});

ponder.on("ParticipantRegistry:KycRevoked", async ({ event, context }) => {
  const t = Number(event.block.timestamp);
  const kyc = { kycExpiry: 0, kycAttestor: event.args.attestor, kycRevokedAt: t };
  await context.db
    .insert(participant)
    .values({ ...blank(event.args.account, t), ...kyc })
    .onConflictDoUpdate({ ...kyc, updatedAt: t });
});

ponder.on("ParticipantRegistry:ExclusionSet", async ({ event, context }) => {
  const t = Number(event.block.timestamp);
  const { account, excluded, reason } = event.args;
  const state = { excluded, exclusionReason: reason };
  await context.db
    .insert(participant)
    .values({ ...blank(account, t), ...state })
    .onConflictDoUpdate({ ...state, updatedAt: t });
  await context.db.insert(exclusionChange).values({
    id: event.id,
    account,
    excluded,
    reason,
    reasonId: asciiId(reason),
    timestamp: t,
    blockNumber: event.block.number,
  });
});
