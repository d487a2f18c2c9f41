// Turns what a wallet, the node or a contract throws into one plain sentence for the person
// at the screen. Custom errors are decoded by viem from the ABIs; each that a fan, creator or
// auditor can meet has words here; any other keeps its name so nothing is hidden.
import {
  BaseError,
  ContractFunctionRevertedError,
  InsufficientFundsError,
  UserRejectedRequestError,
  decodeErrorResult,
  formatEther,
  type Abi,
  type Hex,
} from "viem";

type Args = readonly unknown[];
interface Context {
  /** Prices in a decoded error are in this currency (a marketplace sale in $MESI or ETH). */
  currency: "MESI" | "ETH";
}
const n = (v: unknown) => String(v);
const mesi = (v: unknown) => `${formatEther(BigInt(n(v)))} $MESI`;
const date = (v: unknown) => new Date(Number(v) * 1000).toLocaleString();

/** Plain words for the custom errors people meet; the arguments are the error's, decoded. */
const WORDS: Record<string, (a: Args, c: Context) => string> = {
  // consent, KYC, campaigns
  EmptyScopes: () => "Choose at least one use you agree to; to withdraw all consent, use Revoke.",
  EmptyPolicy: () => "The consent policy version is missing; reload the page and try again.",
  EnforcedPause: () => "This part of Mesi is paused by the operators for now; try again later.",
  UnknownCampaign: (a) => `Campaign ${n(a[0])} does not exist.`,
  EnrolmentClosed: (a) => `Enrolment in campaign ${n(a[0])} is not open now.`,
  AlreadyJoined: (a) => `You have already joined campaign ${n(a[0])}.`,
  CampaignFull: (a) => `Campaign ${n(a[0])} is full: it accepts no more joins.`,
  NoConsent: () => "You have not opted in yet: give your consent first.",
  ConsentRevoked: () => "You withdrew your consent: opt in again to join.",
  ScopesNotCovered: () => "Your consent does not cover the uses this campaign needs: add them.",
  KycMissing: () => "Your identity is not verified (KYC) yet.",
  KycExpired: (a) => `Your identity verification (KYC) expired on ${date(a[1])}.`,
  Excluded: () => "Your account is excluded after quality checks; you can appeal.",
  NoFinalTqsEpoch: () => "No Training Quality Score is final yet; wait for the first epoch.",
  InvalidTqsProof: () =>
    "Your Training Quality Score proof is out of date: a newer epoch is final. Try again.",
  TqsTooLow: (a) => `Your Training Quality Score ${n(a[0])} is below this campaign's ${n(a[1])}.`,
  // tickets and the marketplace
  TicketLocked: (a) => `Ticket #${n(a[0])} is locked (a placeholder, or entered in a draw).`,
  NotTradeable: (a) => `Ticket #${n(a[1])} cannot be traded now (not active, or in a draw).`,
  NotOwnerOrNotApproved: (a) =>
    `Ticket #${n(a[1])} is no longer for sale: it was sold or moved, or its listing lapsed.`,
  ListingNotFound: (a) => `Ticket #${n(a[1])} is no longer listed: it was sold or withdrawn.`,
  PriceAboveMax: (a, c) =>
    `The price changed to ${amount(a[0], c)}, above the ${amount(a[1], c)} you accepted.`,
  WrongValue: () => "The ETH sent does not match the price; reload and try again.",
  InvalidPrice: () => "Enter a price above zero (and below 309 million).",
  CollectionNotAllowed: () => "This collection cannot be traded on Mesi.",
  SignedListingVoid: () => "This signed listing expired, was cancelled, or was used already.",
  InvalidSignature: () => "The listing's signature is not the seller's.",
  OfferNotFound: () => "That offer was withdrawn or expired.",
  NothingToWithdraw: () => "There is nothing to withdraw.",
  CollectionUnsupported: () => "This collection cannot be traded on Mesi.",
  AmountOutOfRange: () => "That amount is too large.",
  ERC20InsufficientBalance: (a) => `Your $MESI balance ${mesi(a[1])} is below ${mesi(a[2])}.`,
  ERC20InsufficientAllowance: () => "The marketplace may not spend that much $MESI yet.",
  ERC2612ExpiredSignature: () => "The $MESI permit expired; try again.",
  ERC2612InvalidSigner: () => "The $MESI permit was signed by another account.",
  // draws
  EntryClosed: (a) => `Entries to the draw of campaign ${n(a[0])} are not open now.`,
  NotTicketOwner: (a) => `You do not own ticket #${n(a[0])}.`,
  NotEnterable: (a) => `Ticket #${n(a[0])} cannot enter: it must be active and not entered yet.`,
  DrawNotOpen: (a) => `The draw of campaign ${n(a[0])} has not started yet.`,
  SeedNotUsable: () => "The draw's random seed is not revealed yet; try again shortly.",
  SelectionFailed: (a) =>
    `The random seed of campaign ${n(a[0])}'s selection failed: nobody is selected, for good.`,
  SeedAlreadyFailed: () =>
    "This random seed failed (nobody settled its missed reveal in time): it never gets a value.",
  FallbackHashUnavailable: () =>
    "The chain cannot give the block hash this fallback seed needs right now; try again.",
  AlreadyResolved: () => "This draw is already resolved.",
  NotResolved: () => "This draw is not resolved yet.",
  NotAWinner: (a) => `Ticket #${n(a[0])} did not win a prize.`,
  ClaimExpired: () => "The claim period of this draw is over.",
  InsufficientBudget: () => "The draw's budget cannot pay this prize.",
  ParticipationRewardUnfunded: (a) =>
    `Fund the draw first: this reward for every possible entrant, on top of the prizes, needs ${mesi(a[1])}; the budget holds ${mesi(a[2])}.`,
  DrawClosed: () => "This draw is closed.",
  TqsOutOfRange: () => "The Training Quality Score in the proof is out of range.",
  // revenue and vesting
  EpochNotFinal: (a) => `Epoch ${n(a[0])} is not final yet: its challenge window is still open.`,
  NoPool: (a) => `No revenue pool is open for epoch ${n(a[0])} yet.`,
  InvalidProof: (a) => `The proof of your Gallery Score for epoch ${n(a[0])} does not verify.`,
  PoolExpired: (a) => `The revenue pool of epoch ${n(a[0])} expired.`,
  NothingToRelease: () => "Nothing has vested yet to release (before the cliff, or all released).",
  LockTooLong: () => "That lock is longer than the vault allows; choose fewer days.",
  UnknownSchedule: () => "That vesting schedule does not exist.",
  GalleryExists: () => "You already have a gallery.",
  NoGallery: () => "Open your gallery first.",
  RoyaltyTooHigh: () => "The royalty is above the cap.",
};

function amount(v: unknown, c: Context) {
  return `${formatEther(BigInt(n(v)))} ${c.currency === "MESI" ? "$MESI" : "ETH"}`;
}

export interface Explained {
  /** One sentence for the person at the screen. */
  message: string;
  /** The decoded custom error's name, when the contract reverted with one. */
  errorName?: string;
  /** The wallet refused or the person rejected the request. */
  rejected: boolean;
}

/** One plain sentence for anything thrown by a wallet call, a contract call or a fetch. */
/**
 * One plain sentence for anything thrown by a wallet call, a contract call or a fetch.
 * `errorAbi` decodes reverts the called contract's ABI does not know (e.g. the token's error
 * bubbling up through the marketplace).
 */
export function explainError(
  error: unknown,
  context: Partial<Context> & { errorAbi?: Abi } = {},
): Explained {
  const ctx: Context = { currency: context.currency ?? "MESI" };
  if (error instanceof BaseError) {
    if (error.walk((e) => e instanceof UserRejectedRequestError))
      return {
        message:
          "You rejected the request in your wallet. Nothing was sent; your entries are kept.",
        rejected: true,
      };
    const revert = error.walk((e) => e instanceof ContractFunctionRevertedError);
    if (revert instanceof ContractFunctionRevertedError) {
      let decoded: { errorName: string; args?: readonly unknown[] | undefined } | undefined =
        revert.data;
      if (!decoded && revert.raw && context.errorAbi) {
        try {
          decoded = decodeErrorResult({ abi: context.errorAbi, data: revert.raw });
        } catch {
          // not one of ours either: reported by signature below
        }
      }
      const name = decoded?.errorName;
      if (name && name !== "Error" && name !== "Panic") {
        const words = WORDS[name];
        return {
          message: words ? words(decoded?.args ?? [], ctx) : `The contract refused: ${name}.`,
          errorName: name,
          rejected: false,
        };
      }
      return {
        message: `The contract refused: ${revert.reason ?? revert.shortMessage}.`,
        rejected: false,
      };
    }
    if (error.walk((e) => e instanceof InsufficientFundsError))
      return { message: "Your wallet does not hold enough ETH to pay for this.", rejected: false };
    if (
      /chain|network/i.test(error.shortMessage) &&
      /mismatch|does not match/i.test(error.shortMessage)
    )
      return {
        message: "Your wallet is on another network: switch to the app's network and try again.",
        rejected: false,
      };
    if (/fetch|HTTP request failed|network/i.test(error.shortMessage))
      return {
        message: "The blockchain node cannot be reached right now; try again shortly.",
        rejected: false,
      };
    return { message: error.shortMessage, rejected: false };
  }
  if (error instanceof Error) return { message: error.message, rejected: false };
  return { message: String(error), rejected: false };
}

/** A short label for a transaction hash (links stay readable). */
export const shortHash = (h: Hex) => `${h.slice(0, 10)}…${h.slice(-6)}`;
