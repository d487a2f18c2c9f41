// The indexed tables: one mirror of every product contract's events. Times are the chain's
// unix seconds; amounts are token wei; ids are the contracts' own. Statistics that change
// with time (finality, vesting, offer expiry) are derived when read, from these facts and
// the indexed head's time (see src/api/stats/), never frozen here. No table holds an
// individual User, NFT or Gallery score: the chain publishes only their roots.
import { index, onchainTable, primaryKey } from "ponder";

// ---------------------------------------------------------------- ParticipantRegistry

/** One row per account that ever consented or was attested, with its current state. */
export const participant = onchainTable("participant", (t) => ({
  account: t.hex().primaryKey(),
  /** Consent scope bitmap (0 after a withdrawal). */
  scopes: t.integer().notNull(),
  policyHash: t.hex(),
  consentedAt: t.integer(),
  consentRevokedAt: t.integer(),
  /** KYC expiry (0 = none or revoked); valid while the indexed head's time is below it. */
  kycExpiry: t.integer().notNull(),
  kycRef: t.hex(),
  kycAttestor: t.hex(),
  kycRevokedAt: t.integer(),
  excluded: t.boolean().notNull(),
  exclusionReason: t.hex(),
  updatedAt: t.integer().notNull(),
}));

/** Every exclusion or reinstatement, with the oracle's reason code. */
export const exclusionChange = onchainTable(
  "exclusion_change",
  (t) => ({
    id: t.text().primaryKey(),
    account: t.hex().notNull(),
    excluded: t.boolean().notNull(),
    reason: t.hex().notNull(),
    /** The reason code as text when it is a short ASCII id (e.g. "tqs-below-threshold"). */
    reasonId: t.text(),
    timestamp: t.integer().notNull(),
    blockNumber: t.bigint().notNull(),
  }),
  (table) => ({ accountIdx: index().on(table.account) }),
);

// ---------------------------------------------------------------- ScoreOracle

/** A published score commitment. Status is derived: rejected, else final once finalAt passed. */
export const scoreEpoch = onchainTable(
  "score_epoch",
  (t) => ({
    kind: t.integer().notNull(),
    epoch: t.bigint().notNull(),
    root: t.hex().notNull(),
    datasetHash: t.hex().notNull(),
    datasetUri: t.text().notNull(),
    leafCount: t.bigint().notNull(),
    /** Σ of the epoch's scores, signed with its root (a GALLERY pool divides by it). */
    totalScore: t.bigint().notNull(),
    publishedAt: t.integer().notNull(),
    publishedBlock: t.bigint().notNull(),
    transactionHash: t.hex().notNull(),
    /** Final from this time on unless rejected before (fixed at publication). */
    finalAt: t.integer().notNull(),
    rejectedAt: t.integer(),
    rejectedBy: t.hex(),
    rejectReason: t.text(),
    /** When `finalize` recorded finality on chain (finality itself does not wait for it). */
    finalizedAt: t.integer(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.kind, table.epoch] }) }),
);

/** The commitment's public summary: for TQS, flags per quality rule id. */
export const epochSummary = onchainTable(
  "epoch_summary",
  (t) => ({
    kind: t.integer().notNull(),
    epoch: t.bigint().notNull(),
    key: t.hex().notNull(),
    /** The key as text (rule ids are short ASCII strings). */
    ruleId: t.text().notNull(),
    value: t.bigint().notNull(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.kind, table.epoch, table.key] }) }),
);

// ---------------------------------------------------------------- configuration and roles

/** Current configuration per contract (fee, threshold, window, payout settings, pause…). */
export const contractSetting = onchainTable(
  "contract_setting",
  (t) => ({
    contract: t.text().notNull(),
    name: t.text().notNull(),
    value: t.text().notNull(),
    updatedAt: t.integer().notNull(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.contract, table.name] }) }),
);

/** Every configuration change, in order. */
export const settingChange = onchainTable("setting_change", (t) => ({
  id: t.text().primaryKey(),
  contract: t.text().notNull(),
  name: t.text().notNull(),
  value: t.text().notNull(),
  timestamp: t.integer().notNull(),
  blockNumber: t.bigint().notNull(),
}));

/** Who holds which AccessControl role on which contract. */
export const roleMember = onchainTable(
  "role_member",
  (t) => ({
    contract: t.text().notNull(),
    role: t.hex().notNull(),
    account: t.hex().notNull(),
    active: t.boolean().notNull(),
    grantedBy: t.hex(),
    grantedAt: t.integer().notNull(),
    revokedAt: t.integer(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.contract, table.role, table.account] }) }),
);

// ---------------------------------------------------------------- MesiTimelock

/**
 * A timelocked operation (security configuration, role changes): visible on chain from
 * `scheduledAt`, executable from `readyAt`. Status is derived: cancelled, executed, else ready
 * once `readyAt` passed, else waiting.
 */
export const timelockOperation = onchainTable("timelock_operation", (t) => ({
  id: t.hex().primaryKey(),
  calls: t.integer().notNull(),
  predecessor: t.hex().notNull(),
  salt: t.hex(),
  delay: t.integer().notNull(),
  scheduledAt: t.integer().notNull(),
  readyAt: t.integer().notNull(),
  executedAt: t.integer(),
  cancelledAt: t.integer(),
}));

/** One call of a timelocked operation, decoded when it targets a product contract. */
export const timelockCall = onchainTable(
  "timelock_call",
  (t) => ({
    timelockId: t.hex().notNull(),
    index: t.integer().notNull(),
    target: t.hex().notNull(),
    /** The product contract called (null for any other target). */
    targetName: t.text(),
    value: t.bigint().notNull(),
    data: t.hex().notNull(),
    /** e.g. "setChallengeWindow(7200)" when the data decodes with the target's ABI. */
    call: t.text(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.timelockId, table.index] }) }),
);

// ---------------------------------------------------------------- CommitRevealRandomness

/**
 * A randomness key: what it seeds (known for campaign selections and draws) and its life. The
 * seed mixes the committed secret with the hash of `entropyBlock` (the block after the commit);
 * without a reveal by `revealDeadline` the fallback seed of `fallbackBlock` applies and the
 * miss is recorded as a fault (`missedAt`). The fallback block is fixed at commit; a fallback
 * nobody settled within 8,191 blocks FAILED (`failedAt`, also `missedAt`, no seed): its selection
 * selects nobody and its draw is abandoned.
 */
export const randomnessSeed = onchainTable("randomness_seed", (t) => ({
  key: t.hex().primaryKey(),
  /** "selection" or "draw" for a campaign's keys; null for a key no campaign names. */
  purpose: t.text(),
  campaignId: t.bigint(),
  commitment: t.hex(),
  committedAt: t.integer(),
  entropyBlock: t.bigint(),
  revealDeadline: t.bigint(),
  fallbackBlock: t.bigint(),
  secret: t.hex(),
  seed: t.hex(),
  revealedAt: t.integer(),
  missedAt: t.integer(),
  failedAt: t.integer(),
}));

// ---------------------------------------------------------------- CampaignManager

export const campaign = onchainTable("campaign", (t) => ({
  id: t.bigint().primaryKey(),
  metadataUri: t.text().notNull(),
  requiredScopes: t.integer().notNull(),
  minTqs: t.integer().notNull(),
  capacity: t.integer().notNull(),
  joinCap: t.integer().notNull(),
  joinStart: t.integer().notNull(),
  joinEnd: t.integer().notNull(),
  taskEnd: t.integer().notNull(),
  qualityEnd: t.integer().notNull(),
  drawAt: t.integer().notNull(),
  createdAt: t.integer().notNull(),
  selectionSeed: t.hex(),
  selectionCompletedAt: t.integer(),
}));

export const rewardTier = onchainTable(
  "reward_tier",
  (t) => ({
    campaignId: t.bigint().notNull(),
    /** 0-based, in the campaign's order (rank r wins the first tier whose sizes add past r). */
    tier: t.integer().notNull(),
    /** 0 $MESI pack, 1 promo credit, 2 item, 3 promo slot. */
    kind: t.integer().notNull(),
    winners: t.integer().notNull(),
    amount: t.bigint().notNull(),
    immediateBps: t.integer().notNull(),
    cliff: t.integer().notNull(),
    duration: t.integer().notNull(),
    ref: t.hex().notNull(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.campaignId, table.tier] }) }),
);

/** A joiner of a campaign: TQS proved at join, selection, completion. */
export const campaignMember = onchainTable(
  "campaign_member",
  (t) => ({
    campaignId: t.bigint().notNull(),
    account: t.hex().notNull(),
    tqs: t.integer().notNull(),
    tqsEpoch: t.bigint().notNull(),
    entry: t.integer().notNull(),
    joinedAt: t.integer().notNull(),
    /** Drawn by the selection (campaigns over capacity); see the stats for implicit selection. */
    selected: t.boolean().notNull(),
    selectionRank: t.integer(),
    completed: t.boolean().notNull(),
    ticketId: t.bigint(),
    completedAt: t.integer(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.campaignId, table.account] }) }),
);

/** A completion the contract skipped, with its reason. */
export const completionSkip = onchainTable(
  "completion_skip",
  (t) => ({
    id: t.text().primaryKey(),
    campaignId: t.bigint().notNull(),
    account: t.hex().notNull(),
    /** "NotSelected", "AlreadyCompleted", "ConsentWithdrawn", "Excluded" (SkipReason). */
    reason: t.text().notNull(),
    timestamp: t.integer().notNull(),
  }),
  (table) => ({ campaignIdx: index().on(table.campaignId) }),
);

/** A verdict (activation or re-issue) the contract skipped, with its reason (holder excluded). */
export const verdictSkip = onchainTable(
  "verdict_skip",
  (t) => ({
    id: t.text().primaryKey(),
    campaignId: t.bigint().notNull(),
    ticketId: t.bigint().notNull(),
    holder: t.hex().notNull(),
    reason: t.text().notNull(),
    timestamp: t.integer().notNull(),
  }),
  (table) => ({ campaignIdx: index().on(table.campaignId) }),
);

/** One `recordVerdicts` call. */
export const verdictBatch = onchainTable("verdict_batch", (t) => ({
  id: t.text().primaryKey(),
  campaignId: t.bigint().notNull(),
  activated: t.integer().notNull(),
  voided: t.integer().notNull(),
  timestamp: t.integer().notNull(),
}));

// ---------------------------------------------------------------- Ticket

/**
 * A ticket's current state: "placeholder", "active" or "void"; entered while in a draw. Its
 * state history is its timestamps: each transition happens at most once in a ticket's life
 * (minted, activated or voided, entered in its campaign's draw and exited). A granted appeal
 * re-issues a voided ticket as a new active one: `reissuedFrom` on the new, `reissuedAs` on
 * the voided.
 */
export const ticket = onchainTable(
  "ticket",
  (t) => ({
    id: t.bigint().primaryKey(),
    campaignId: t.bigint().notNull(),
    owner: t.hex().notNull(),
    state: t.text().notNull(),
    entered: t.boolean().notNull(),
    /** ERC-5192: no transfer or approval while locked (placeholder or entered). */
    locked: t.boolean().notNull(),
    mintedAt: t.integer().notNull(),
    activatedAt: t.integer(),
    voidedAt: t.integer(),
    enteredAt: t.integer(),
    exitedAt: t.integer(),
    approved: t.hex(),
    transfers: t.integer().notNull(),
    reissuedFrom: t.bigint(),
    reissuedAs: t.bigint(),
  }),
  (table) => ({ campaignIdx: index().on(table.campaignId), ownerIdx: index().on(table.owner) }),
);

/** ERC-721 transfers of the ticket and gallery collections (mints and burns included). */
export const nftTransfer = onchainTable(
  "nft_transfer",
  (t) => ({
    id: t.text().primaryKey(),
    collection: t.hex().notNull(),
    tokenId: t.bigint().notNull(),
    from: t.hex().notNull(),
    to: t.hex().notNull(),
    timestamp: t.integer().notNull(),
    blockNumber: t.bigint().notNull(),
    transactionHash: t.hex().notNull(),
  }),
  (table) => ({ tokenIdx: index().on(table.collection, table.tokenId) }),
);

/** ERC-4906 metadata updates (one token: fromTokenId = toTokenId). */
export const metadataUpdate = onchainTable("metadata_update", (t) => ({
  id: t.text().primaryKey(),
  collection: t.hex().notNull(),
  fromTokenId: t.bigint().notNull(),
  toTokenId: t.bigint().notNull(),
  timestamp: t.integer().notNull(),
}));

/** ERC-721 operator approvals (e.g. the marketplace for a seller). */
export const operatorApproval = onchainTable(
  "operator_approval",
  (t) => ({
    collection: t.hex().notNull(),
    owner: t.hex().notNull(),
    operator: t.hex().notNull(),
    approved: t.boolean().notNull(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.collection, table.owner, table.operator] }) }),
);

// ---------------------------------------------------------------- GalleryCollection

export const gallery = onchainTable("gallery", (t) => ({
  id: t.bigint().primaryKey(),
  creator: t.hex().notNull(),
  name: t.text().notNull(),
  createdAt: t.integer().notNull(),
}));

export const galleryItem = onchainTable(
  "gallery_item",
  (t) => ({
    tokenId: t.bigint().primaryKey(),
    galleryId: t.bigint().notNull(),
    creator: t.hex().notNull(),
    uri: t.text().notNull(),
    owner: t.hex().notNull(),
    approved: t.hex(),
    mintedAt: t.integer().notNull(),
  }),
  (table) => ({ galleryIdx: index().on(table.galleryId) }),
);

// ---------------------------------------------------------------- MesiToken

/** $MESI balance, delegate and votes per account (votes are the "influence power"). */
export const mesiAccount = onchainTable("mesi_account", (t) => ({
  address: t.hex().primaryKey(),
  balance: t.bigint().notNull(),
  delegate: t.hex(),
  votes: t.bigint().notNull(),
}));

/** The last `approve` of an owner for a spender (spending an allowance logs nothing). */
export const mesiApproval = onchainTable(
  "mesi_approval",
  (t) => ({
    owner: t.hex().notNull(),
    spender: t.hex().notNull(),
    amount: t.bigint().notNull(),
    approvedAt: t.integer().notNull(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.owner, table.spender] }) }),
);

// ---------------------------------------------------------------- TicketMarketplace

/**
 * The token's latest on-chain listing: "live", "cancelled", "sold" or "dead". A listing names
 * the token's trade version; it dies for good when that version moves on (any transfer, or the
 * ticket entered in a draw), even if the token comes back to the seller.
 */
export const listing = onchainTable(
  "listing",
  (t) => ({
    collection: t.hex().notNull(),
    tokenId: t.bigint().notNull(),
    seller: t.hex().notNull(),
    /** "MESI" or "ETH". */
    currency: t.text().notNull(),
    price: t.bigint().notNull(),
    version: t.bigint().notNull(),
    status: t.text().notNull(),
    listedAt: t.integer().notNull(),
    updatedAt: t.integer().notNull(),
  }),
  (table) => ({
    pk: primaryKey({ columns: [table.collection, table.tokenId] }),
    statusIdx: index().on(table.status),
  }),
);

/** Price history of listings: listed, repriced, cancelled, sold, dead. */
export const listingEvent = onchainTable(
  "listing_event",
  (t) => ({
    id: t.text().primaryKey(),
    collection: t.hex().notNull(),
    tokenId: t.bigint().notNull(),
    seller: t.hex().notNull(),
    kind: t.text().notNull(),
    currency: t.text().notNull(),
    price: t.bigint().notNull(),
    timestamp: t.integer().notNull(),
  }),
  (table) => ({ tokenIdx: index().on(table.collection, table.tokenId) }),
);

export const sale = onchainTable(
  "sale",
  (t) => ({
    id: t.text().primaryKey(),
    collection: t.hex().notNull(),
    tokenId: t.bigint().notNull(),
    buyer: t.hex().notNull(),
    seller: t.hex().notNull(),
    /** "MESI" or "ETH"; `currencyAddress` is the token (zero for ETH). */
    currency: t.text().notNull(),
    currencyAddress: t.hex().notNull(),
    price: t.bigint().notNull(),
    fee: t.bigint().notNull(),
    royaltyReceiver: t.hex().notNull(),
    royalty: t.bigint().notNull(),
    /** How it settled: "listing" (buy), "signed" (an EIP-712 listing) or "offer" (accepted bid). */
    via: t.text().notNull(),
    timestamp: t.integer().notNull(),
    /** UTC day of the sale, YYYY-MM-DD. */
    day: t.text().notNull(),
    blockNumber: t.bigint().notNull(),
    transactionHash: t.hex().notNull(),
  }),
  (table) => ({ tokenIdx: index().on(table.collection, table.tokenId) }),
);

/** A $MESI bid: "open" (live until `expiry`), "cancelled" or "accepted". */
export const offer = onchainTable(
  "offer",
  (t) => ({
    collection: t.hex().notNull(),
    tokenId: t.bigint().notNull(),
    bidder: t.hex().notNull(),
    amount: t.bigint().notNull(),
    expiry: t.integer().notNull(),
    status: t.text().notNull(),
    madeAt: t.integer().notNull(),
    updatedAt: t.integer().notNull(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.collection, table.tokenId, table.bidder] }) }),
);

/** Signed-listing nonces a seller cancelled. */
export const cancelledNonce = onchainTable(
  "cancelled_nonce",
  (t) => ({
    seller: t.hex().notNull(),
    nonce: t.bigint().notNull(),
    cancelledAt: t.integer().notNull(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.seller, table.nonce] }) }),
);

/** A seller's signed-listing counter (listings signed with a lower one are void). */
export const sellerCounter = onchainTable("seller_counter", (t) => ({
  seller: t.hex().primaryKey(),
  counter: t.bigint().notNull(),
  updatedAt: t.integer().notNull(),
}));

/** ETH a recipient refused (seller proceeds, swept fees), credited for a later withdrawal. */
export const ethCredit = onchainTable("eth_credit", (t) => ({
  id: t.text().primaryKey(),
  account: t.hex().notNull(),
  amount: t.bigint().notNull(),
  timestamp: t.integer().notNull(),
}));

export const creditWithdrawal = onchainTable("credit_withdrawal", (t) => ({
  id: t.text().primaryKey(),
  account: t.hex().notNull(),
  to: t.hex().notNull(),
  currencyAddress: t.hex().notNull(),
  amount: t.bigint().notNull(),
  timestamp: t.integer().notNull(),
}));

export const feeSweep = onchainTable("fee_sweep", (t) => ({
  id: t.text().primaryKey(),
  mesi: t.bigint().notNull(),
  eth: t.bigint().notNull(),
  timestamp: t.integer().notNull(),
}));

// ---------------------------------------------------------------- PrizeDraw

/** A campaign's draw. Abandoned when no usable seed came in time: resolved without winners. */
export const draw = onchainTable("draw", (t) => ({
  campaignId: t.bigint().primaryKey(),
  funded: t.bigint().notNull(),
  participationReward: t.bigint().notNull(),
  winners: t.integer(),
  seed: t.hex(),
  abandonedAt: t.integer(),
  resolvedAt: t.integer(),
  claimDeadline: t.integer(),
  /** At resolution: $MESI the drawn winners' packs pay, and the part of the budget set aside for them. */
  prizesOwed: t.bigint(),
  prizesReserved: t.bigint(),
  swept: t.bigint(),
  sweptAt: t.integer(),
}));

export const drawFunding = onchainTable("draw_funding", (t) => ({
  id: t.text().primaryKey(),
  campaignId: t.bigint().notNull(),
  from: t.hex().notNull(),
  amount: t.bigint().notNull(),
  timestamp: t.integer().notNull(),
}));

/** A ticket in a draw: its weight, and if it won, its tier (0-based) and rank. */
export const drawEntry = onchainTable(
  "draw_entry",
  (t) => ({
    ticketId: t.bigint().primaryKey(),
    campaignId: t.bigint().notNull(),
    owner: t.hex().notNull(),
    tqs: t.integer().notNull(),
    weight: t.bigint().notNull(),
    enteredAt: t.integer().notNull(),
    tier: t.integer(),
    rank: t.integer(),
    prizeClaimed: t.boolean().notNull(),
    claimedAt: t.integer(),
    exited: t.boolean().notNull(),
    exitedAt: t.integer(),
    /** The participation reward paid on exit. */
    participationReward: t.bigint(),
    /** The part of the reward owed on exit that the draw's unreserved budget could not pay. */
    participationShortfall: t.bigint(),
  }),
  (table) => ({ campaignIdx: index().on(table.campaignId) }),
);

/** A $MESI pack paid: `immediate` now, `vested` under vesting schedule `vestingNonce`. */
export const prizePayment = onchainTable("prize_payment", (t) => ({
  id: t.text().primaryKey(),
  campaignId: t.bigint().notNull(),
  ticketId: t.bigint().notNull(),
  owner: t.hex().notNull(),
  immediate: t.bigint().notNull(),
  vested: t.bigint().notNull(),
  vestingNonce: t.bigint().notNull(),
  timestamp: t.integer().notNull(),
}));

/** An item, promo credit or promo slot for the platform to fulfil. */
export const prizeRedemption = onchainTable("prize_redemption", (t) => ({
  id: t.text().primaryKey(),
  campaignId: t.bigint().notNull(),
  ticketId: t.bigint().notNull(),
  owner: t.hex().notNull(),
  kind: t.integer().notNull(),
  amount: t.bigint().notNull(),
  ref: t.hex().notNull(),
  timestamp: t.integer().notNull(),
}));

// ---------------------------------------------------------------- VestingVault

/**
 * A schedule. `amount` is what was granted; after a revocation `clawedBack` left and the
 * schedule is fully vested at `amount − clawedBack`. Source: "lock" (a fan's self-lock),
 * "prize", "revenue" or "grant".
 */
export const vestingSchedule = onchainTable(
  "vesting_schedule",
  (t) => ({
    beneficiary: t.hex().notNull(),
    nonce: t.bigint().notNull(),
    amount: t.bigint().notNull(),
    start: t.integer().notNull(),
    cliff: t.integer().notNull(),
    duration: t.integer().notNull(),
    revocable: t.boolean().notNull(),
    selfLock: t.boolean().notNull(),
    source: t.text().notNull(),
    revoked: t.boolean().notNull(),
    revokedAt: t.integer(),
    clawedBack: t.bigint().notNull(),
    released: t.bigint().notNull(),
    createdAt: t.integer().notNull(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.beneficiary, table.nonce] }) }),
);

export const vestingRelease = onchainTable("vesting_release", (t) => ({
  id: t.text().primaryKey(),
  beneficiary: t.hex().notNull(),
  nonce: t.bigint().notNull(),
  amount: t.bigint().notNull(),
  timestamp: t.integer().notNull(),
}));

// ---------------------------------------------------------------- RevenueDistributor

export const revenueFunding = onchainTable("revenue_funding", (t) => ({
  id: t.text().primaryKey(),
  from: t.hex().notNull(),
  amount: t.bigint().notNull(),
  /** Unallocated funds right after this funding. */
  pendingAfter: t.bigint().notNull(),
  timestamp: t.integer().notNull(),
}));

/** A GALLERY epoch's pool: open until `expiresAt`, then rolled over into the next one. */
export const revenuePool = onchainTable("revenue_pool", (t) => ({
  epoch: t.bigint().primaryKey(),
  amount: t.bigint().notNull(),
  /** Σ Gallery Scores of the epoch (a total; no creator's own score is stored). */
  totalScore: t.bigint().notNull(),
  openedAt: t.integer().notNull(),
  expiresAt: t.integer().notNull(),
  claimed: t.bigint().notNull(),
  claims: t.integer().notNull(),
  rolledOver: t.bigint(),
  rolledOverAt: t.integer(),
}));

/** A creator's claim: the amount only (the event's score is a Gallery Score: not stored). */
export const revenueClaim = onchainTable(
  "revenue_claim",
  (t) => ({
    epoch: t.bigint().notNull(),
    creator: t.hex().notNull(),
    amount: t.bigint().notNull(),
    vested: t.boolean().notNull(),
    vestingNonce: t.bigint(),
    timestamp: t.integer().notNull(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.epoch, table.creator] }) }),
);
