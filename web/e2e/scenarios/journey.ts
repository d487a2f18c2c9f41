// The product's journey in the browser, on the real stack: a fan opts in, joins, receives a
// placeholder that the oracle's quality checks activate, lists it; a second fan buys it (and a
// third, a moment late, is told it sold); other tickets sell for ETH, through a signed-listing
// link and by an accepted offer; a draw resolves, the winners claim a $MESI pack and redeem an
// item; a creator sees verified Gallery and NFT Scores, claims revenue and releases vested
// $MESI; an auditor verifies TQS and engagement epochs in the browser (match) and a tampered
// dataset (mismatch). Every step checks what the page shows and what the chain holds. Steps run
// in order and share the state below.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  keccak256,
  parseEther,
  parseEventLogs,
  toHex,
  zeroAddress,
  type Address,
  type Hex,
} from "viem";
import { ScoreKind, galleryCollectionAbi } from "@mesi/abi";
import { parseEngagementDataset } from "@mesi/oracle/verify";
import { increaseTime, mine } from "../../../test/support/chain.ts";
import { POLICY, commitmentOf } from "../../../test/support/system.ts";
import { waitFor } from "../../../test/support/net.ts";
import {
  connectWallet,
  openAs,
  screenshot,
  seriousViolations,
  type Person,
} from "../support/browser.ts";
import { AUDITOR_KEY } from "../support/services.ts";
import type { Stack } from "../support/stack.ts";

const DAY = 86_400;
const TASKS = ["q1", "q2"];
const DRAW_SECRET: Hex = keccak256(toHex("e2e draw secret"));
/** The second prize: a signed poster (an item Mesi delivers; the chain records its redemption). */
const ITEM_REF: Hex = keccak256(toHex("signed poster"));
/** A reward tier with one winner, paid at once (a $MESI pack) or redeemed (any other kind). */
const prize = (kind: number, amount: bigint, ref: Hex, immediateBps = 0) => ({
  kind,
  winners: 1,
  amount,
  immediateBps,
  cliff: 0,
  duration: 0,
  ref,
});

export function journeyScenarios(stack: () => Stack) {
  const st = {} as {
    creator: Address;
    fanA: Address;
    fanB: Address;
    fanC: Address;
    /** Fans who join on chain (not under test) so that more tickets trade in the browser. */
    fanD: Address;
    fanE: Address;
    item: bigint;
    epoch1: bigint;
    campaignId: bigint;
    ticketId: bigint;
    /** fanD's ticket (sold for ETH) and fanE's (sold by a signed link, then to an offer). */
    ticketD: bigint;
    ticketE: bigint;
    qualityEnd: number;
    drawAt: number;
  };
  const people: Person[] = [];
  const open = async (s: Stack, account?: Address, path = "/") => {
    const p = await openAs(s.browser, s.web.url, account ? { account } : undefined);
    people.push(p);
    await p.page.goto(path);
    return p;
  };
  const noSeriousViolations = async (p: Person, where: string) =>
    assert.deepEqual(await seriousViolations(p.page), [], where);
  /** Waits until the oracle's clock has closed `epoch`, then runs it. */
  const runEpoch = async (s: Stack, epoch: bigint) => {
    await waitFor(async () => (s.oracle.currentEpoch() > epoch ? true : undefined), {
      what: `epoch ${epoch} closes`,
      timeoutMs: (s.oracle.epochSeconds + 30) * 1000,
      intervalMs: 250,
    });
    await s.oracle.runEpoch(epoch);
  };

  /** The seller's proceeds of the sale of `tokenId` (its Sale event): price − fee − royalty. */
  const proceedsOf = async (s: Stack, tokenId: bigint) => {
    const [sale] = await s.sys.publicClient.getContractEvents({
      address: s.sys.deployment.contracts.TicketMarketplace,
      abi: s.sys.contracts.market.abi,
      eventName: "Sale",
      args: { tokenId },
      fromBlock: 0n,
    });
    assert.ok(sale, `a Sale of #${tokenId} on chain`);
    const { price, fee, royalty, currency } = sale.args;
    return { currency: currency!, proceeds: price! - fee! - royalty! };
  };
  /** A campaign open for joining now (a day to join and work, quality checks until day 2, draw on day 3). */
  const createCampaign = async (s: Stack, name: string, tiers: ReturnType<typeof prize>[]) => {
    const now = await s.sys.now();
    const windows = {
      joinStart: now,
      joinEnd: now + DAY,
      taskEnd: now + DAY,
      qualityEnd: now + 2 * DAY,
      drawAt: now + 3 * DAY,
    };
    await s.sys.mined(
      s.sys.contracts.campaigns.write.createCampaign(
        [
          {
            metadataURI: `ipfs://campaign-${name}`,
            requiredScopes: 1 | 16,
            minTqs: 0,
            // A join cap within capacity: everyone who joins is selected, so completions are
            // recorded while enrolment is still open (over capacity they wait for the selection).
            capacity: 10,
            joinCap: 10,
            ...windows,
          },
          tiers,
        ],
        { account: s.sys.roles.admin },
      ),
    );
    return { campaignId: await s.sys.contracts.campaigns.read.campaignCount(), ...windows };
  };
  /** `fan` (onboarded) joins `campaignId` on chain with its public TQS proof: setup, not under test. */
  const joinOnChain = async (s: Stack, campaignId: bigint, fan: Address) => {
    const final = await s.sys.contracts.scoreOracle.read.latestFinalEpoch([ScoreKind.TQS]);
    const res = await fetch(`${s.oracle.url}/v1/proofs/tqs/${final}/${fan}`);
    assert.ok(res.ok, `${fan} has a TQS proof in epoch ${final}`);
    const proof = (await res.json()) as { score: string; proof: Hex[] };
    await s.sys.mined(
      s.sys.contracts.campaigns.write.join([campaignId, BigInt(proof.score), proof.proof], {
        account: fan,
      }),
    );
  };
  const ownerOf = async (s: Stack, id: bigint) =>
    (await s.sys.contracts.ticket.read.ownerOf([id])).toLowerCase();

  /** A journey step; on failure every open page is saved as a screenshot for the report. */
  const step = (name: string, body: () => Promise<void>) =>
    test(name, async () => {
      try {
        await body();
      } catch (err) {
        await Promise.all(
          people.map((p, i) =>
            screenshot(p.page, `FAILED-${name.slice(0, 40).replace(/\W+/g, "-")}-${i}`).catch(
              () => undefined,
            ),
          ),
        );
        throw err;
      }
    });

  test.after(async () => {
    for (const p of people) await p.context.close().catch(() => undefined);
  });

  step(
    "epoch 1: the oracle scores first work and gallery activity, publishes, and it becomes final",
    async () => {
      const s = stack();
      const { sys } = s;
      [st.creator, st.fanA, st.fanB, st.fanC, st.fanD, st.fanE] = s.people as [
        Address,
        Address,
        Address,
        Address,
        Address,
        Address,
      ];
      await sys.mined(
        sys.contracts.gallery.write.createGallery(["Harbour lights"], { account: st.creator }),
      );
      const minted = await sys.mined(
        sys.contracts.gallery.write.mint(["ipfs://harbour-1", 500n], { account: st.creator }),
      );
      st.item = parseEventLogs({
        abi: galleryCollectionAbi,
        logs: minted.logs,
        eventName: "ItemMinted",
      })[0]!.args.tokenId;
      st.epoch1 = await s.oracle.openEpochWith(5);
      // The oracle takes work only from fans who consented to its kind (prompts) on chain.
      for (const fan of [st.fanA, st.fanB, st.fanC, st.fanD, st.fanE]) {
        await sys.mined(sys.contracts.registry.write.optIn([1, POLICY], { account: fan }));
        await s.platform.submitWork(fan, 0n, ["warm-up"]);
      }
      await s.platform.viewItem(
        [st.fanA, st.fanB],
        st.creator,
        sys.deployment.contracts.GalleryCollection,
        st.item,
        3,
      );
      await runEpoch(s, st.epoch1);
      assert.equal(
        await sys.contracts.scoreOracle.read.lastPublishedEpoch([ScoreKind.TQS]),
        st.epoch1,
      );
      assert.equal(
        await sys.contracts.scoreOracle.read.lastPublishedEpoch([ScoreKind.GALLERY]),
        st.epoch1,
      );
      await sys.finalize(ScoreKind.TQS, st.epoch1);
      await sys.finalize(ScoreKind.GALLERY, st.epoch1);
      assert.equal(await sys.contracts.scoreOracle.read.isFinal([ScoreKind.TQS, st.epoch1]), true);
    },
  );

  step(
    "a fan opts in and joins a campaign in the browser; the chain holds the membership",
    async () => {
      const s = stack();
      const { sys } = s;
      const now = await sys.now();
      const expiry = now + 365 * DAY;
      await sys.mined(
        sys.contracts.registry.write.attestKycBatch(
          [
            [st.fanA, st.fanB, st.fanC],
            [expiry, expiry, expiry],
            [keccak256(toHex("a")), keccak256(toHex("b")), keccak256(toHex("c"))],
          ],
          { account: sys.roles.kyc },
        ),
      );
      ({
        campaignId: st.campaignId,
        qualityEnd: st.qualityEnd,
        drawAt: st.drawAt,
      } = await createCampaign(s, "harbour", [
        prize(0, parseEther("100"), keccak256(toHex("pack")), 10_000),
        prize(2, 1n, ITEM_REF),
      ]));
      await sys.mined(
        sys.contracts.token.write.approve([sys.deployment.contracts.PrizeDraw, parseEther("100")], {
          account: sys.roles.admin,
        }),
      );
      await sys.mined(
        sys.contracts.draw.write.fund([st.campaignId, parseEther("100")], {
          account: sys.roles.admin,
        }),
      );
      await s.platform.registerTasks(st.campaignId, TASKS);
      // Two more fans join on chain, with their public TQS proofs, to trade in later steps.
      await sys.onboard([st.fanD, st.fanE]);
      for (const fan of [st.fanD, st.fanE]) await joinOnChain(s, st.campaignId, fan);

      const fan = await open(s, st.fanA, "/account");
      await connectWallet(fan.page);
      // Fan A consented to prompts before its first work; now it adds polls.
      await fan.page
        .getByTestId("consent-status")
        .getByText("You consent to 1 of 6 uses")
        .waitFor();
      assert.equal(await fan.page.getByLabel("Answer the AI's prompts").isChecked(), true);
      await fan.page.getByLabel("Polls").check();
      await fan.page.getByRole("button", { name: "Update consent" }).click();
      await fan.page.getByText("Update consent: done").waitFor();
      await fan.page.getByRole("link", { name: "Campaigns & market" }).click();
      const card = fan.page.getByTestId(`campaign-${st.campaignId}`);
      await card.getByRole("button", { name: `Join campaign #${st.campaignId}` }).click();
      await card.getByTestId("joined").waitFor();
      const m = await sys.contracts.campaigns.read.membership([st.campaignId, st.fanA]);
      assert.notEqual(m.entry, 0);
      await noSeriousViolations(fan, "fans page with a campaign");
      await screenshot(fan.page, "journey-1-joined");
    },
  );

  step(
    "the fan's work earns a placeholder that quality checks activate; the page shows both",
    async () => {
      const s = stack();
      const { sys } = s;
      const epoch2 = await s.oracle.openEpochWith(5);
      for (const fan of [st.fanA, st.fanD, st.fanE])
        await s.platform.submitWork(fan, st.campaignId, TASKS);
      await runEpoch(s, epoch2);
      const owned = new Map<string, bigint>();
      const next = await sys.contracts.ticket.read.nextTokenId();
      for (let id = 1n; id < next; id++)
        owned.set((await sys.contracts.ticket.read.ownerOf([id])).toLowerCase(), id);
      [st.ticketId, st.ticketD, st.ticketE] = [st.fanA, st.fanD, st.fanE].map((fan) => {
        const id = owned.get(fan.toLowerCase());
        assert.ok(id, `${fan} holds a ticket`);
        return id;
      }) as [bigint, bigint, bigint];
      for (const id of [st.ticketId, st.ticketD, st.ticketE])
        assert.equal(await sys.contracts.ticket.read.stateOf([id]), 2, `#${id} active on chain`);
      const fan = people[0]!;
      await fan.page.getByRole("link", { name: "My tickets" }).click();
      const card = fan.page.getByTestId(`ticket-${st.ticketId}`);
      await card.getByTestId("ticket-state").getByText("Active").waitFor();
      await card
        .getByText(/Received as a placeholder .*; activated after quality checks/)
        .waitFor();
      await noSeriousViolations(fan, "account page with a ticket");
      await screenshot(fan.page, "journey-2-ticket-active");
    },
  );

  step(
    "the fan lists the ticket; a second fan buys it with a $MESI permit; a third, a moment late, is told it sold",
    async () => {
      const s = stack();
      const { sys } = s;
      for (const buyer of [st.fanB, st.fanC])
        await sys.mined(
          sys.contracts.token.write.transfer([buyer, parseEther("500")], {
            account: sys.roles.admin,
          }),
        );
      const seller = people[0]!;
      const card = seller.page.getByTestId(`ticket-${st.ticketId}`);
      await card.getByRole("button", { name: "Allow the marketplace" }).click();
      await card.getByLabel("Price").waitFor();
      await card.getByLabel("Price").fill("25");
      await card.getByRole("button", { name: "List for sale" }).click();
      await card.getByText(/List ticket #\d+: done/).waitFor();
      await card.getByTestId("listed-at").getByText("Listed at 25 $MESI").waitFor();
      const listing = await sys.contracts.market.read.listingOf([
        sys.deployment.contracts.Ticket,
        st.ticketId,
      ]);
      assert.equal(listing.seller.toLowerCase(), st.fanA.toLowerCase());

      // The late buyer's page misses the live update (as on a slow connection): it still shows
      // the listing when the ticket has just sold.
      const late = await openAs(s.browser, s.web.url, { account: st.fanC });
      people.push(late);
      await late.page.route("**/sql/live**", (route) => route.abort());
      await late.page.goto("/");
      await connectWallet(late.page);
      const buy = `Buy #${st.ticketId} for 25 $MESI`;
      await late.page
        .getByTestId(`listing-${st.ticketId}`)
        .getByRole("button", { name: buy })
        .waitFor();

      // Before the sale, the late fan bids 10 $MESI (allowance first, then the offer).
      const offerForm = late.page.getByRole("form", {
        name: `Make an offer on ticket #${st.ticketId}`,
      });
      await offerForm.getByLabel("Your offer ($MESI)").fill("10");
      await offerForm.getByRole("button", { name: "Offer (7 days)" }).click();
      await offerForm.getByText("Allow the marketplace to take your offer: done").waitFor();
      await offerForm.getByRole("button", { name: "Offer (7 days)" }).click();
      await offerForm.getByText(/Offer on #\d+: done/).waitFor();
      const bid = await sys.contracts.market.read.offerOf([
        sys.deployment.contracts.Ticket,
        st.ticketId,
        st.fanC,
      ]);
      assert.equal(bid.amount, parseEther("10"));

      const buyer = await open(s, st.fanB, "/");
      await connectWallet(buyer.page);
      await buyer.page
        .getByTestId(`listing-${st.ticketId}`)
        .getByRole("button", { name: buy })
        .click();
      await buyer.page
        .getByTestId("bought")
        .getByText(`You bought ticket #${st.ticketId}`)
        .waitFor();
      assert.equal(
        (await sys.contracts.ticket.read.ownerOf([st.ticketId])).toLowerCase(),
        st.fanB.toLowerCase(),
      );
      await screenshot(buyer.page, "journey-3-bought");

      const before = await sys.contracts.token.read.balanceOf([st.fanC]);
      await late.page
        .getByTestId(`listing-${st.ticketId}`)
        .getByRole("button", { name: buy })
        .click();
      await late.page
        .getByRole("alert")
        .getByText(/no longer (for sale|listed)/)
        .waitFor();
      assert.equal(
        await sys.contracts.token.read.balanceOf([st.fanC]),
        before,
        "the late buyer paid nothing",
      );
      await screenshot(late.page, "journey-3-sold-a-moment-earlier");
    },
  );

  step("a fan lists a ticket for ETH and another fan buys it with ETH", async () => {
    const s = stack();
    const { sys } = s;
    const seller = await open(s, st.fanD, "/account");
    await connectWallet(seller.page);
    const card = seller.page.getByTestId(`ticket-${st.ticketD}`);
    await card.getByRole("button", { name: "Allow the marketplace" }).click();
    await card.getByLabel("Price").fill("0.5");
    await card.getByLabel("Currency").selectOption("ETH");
    await card.getByRole("button", { name: "List for sale" }).click();
    await card.getByTestId("listed-at").getByText("Listed at 0.5 ETH").waitFor();
    await seller.context.close();

    const before = await sys.publicClient.getBalance({ address: st.fanD });
    const buyer = await open(s, st.fanA, "/");
    await connectWallet(buyer.page);
    await buyer.page
      .getByTestId(`listing-${st.ticketD}`)
      .getByRole("button", { name: `Buy #${st.ticketD} for 0.5 ETH` })
      .click();
    await buyer.page.getByTestId("bought").getByText(`You bought ticket #${st.ticketD}`).waitFor();
    assert.equal(await ownerOf(s, st.ticketD), st.fanA.toLowerCase());
    const sale = await proceedsOf(s, st.ticketD);
    assert.equal(sale.currency, zeroAddress, "paid in ETH");
    assert.equal(await sys.publicClient.getBalance({ address: st.fanD }), before + sale.proceeds);
    await screenshot(buyer.page, "market-eth-bought");
    await buyer.context.close();
  });

  step(
    "a fan signs a listing without gas and shares its link; a buyer opens the link and buys",
    async () => {
      const s = stack();
      const { sys } = s;
      const seller = await open(s, st.fanE, "/account");
      await connectWallet(seller.page);
      const card = seller.page.getByTestId(`ticket-${st.ticketE}`);
      await card.getByRole("button", { name: "Allow the marketplace" }).click();
      await card.getByLabel("Price").fill("30");
      await card.getByRole("button", { name: "Sign a listing (no gas)" }).click();
      const link = await card.getByLabel("Signed listing link").inputValue();
      const listed = await sys.contracts.market.read.listingOf([
        sys.deployment.contracts.Ticket,
        st.ticketE,
      ]);
      assert.equal(listed.seller, zeroAddress, "nothing listed on chain");
      await seller.context.close();

      const before = await sys.contracts.token.read.balanceOf([st.fanE]);
      const buyer = await open(s, st.fanC, new URL(link).pathname + new URL(link).search);
      await connectWallet(buyer.page);
      const offer = buyer.page.getByTestId("signed-listing");
      await offer.getByText(/30 \$MESI/).waitFor();
      await offer.getByRole("button", { name: "Allow the price in $MESI" }).click();
      await offer
        .getByText("Allow the marketplace to take the price: done", { exact: false })
        .waitFor();
      await offer.getByRole("button", { name: `Buy ticket #${st.ticketE}` }).click();
      await offer.getByText(`Buy ticket #${st.ticketE}: done`, { exact: false }).waitFor();
      assert.equal(await ownerOf(s, st.ticketE), st.fanC.toLowerCase());
      const sale = await proceedsOf(s, st.ticketE);
      assert.equal(sale.currency.toLowerCase(), sys.deployment.contracts.MesiToken.toLowerCase());
      assert.equal(await sys.contracts.token.read.balanceOf([st.fanE]), before + sale.proceeds);
      await noSeriousViolations(buyer, "fans page with a signed listing");
      await screenshot(buyer.page, "market-signed-link-bought");
    },
  );

  step("a holder accepts a $MESI offer on a ticket; the ticket and the money move", async () => {
    const s = stack();
    const { sys } = s;
    const amount = parseEther("20");
    await sys.mined(
      sys.contracts.token.write.approve([sys.deployment.contracts.TicketMarketplace, amount], {
        account: st.fanB,
      }),
    );
    await sys.mined(
      sys.contracts.market.write.makeOffer(
        [sys.deployment.contracts.Ticket, st.ticketE, amount, (await sys.now()) + 7 * DAY],
        { account: st.fanB },
      ),
    );
    const holder = people.at(-1)!;
    await holder.page.getByRole("link", { name: "My tickets" }).click();
    const card = holder.page.getByTestId(`ticket-${st.ticketE}`);
    const before = await sys.contracts.token.read.balanceOf([st.fanC]);
    // Accepting hands the ticket over: the marketplace needs the holder's approval first.
    await card.getByRole("button", { name: "Accept 20 $MESI" }).waitFor();
    await card.getByRole("button", { name: "Allow the marketplace" }).click();
    await card.getByRole("button", { name: "Accept 20 $MESI" }).click();
    await holder.page
      .getByTestId("sold")
      .getByText(`You sold ticket #${st.ticketE} for 20 $MESI`)
      .waitFor();
    assert.equal(await ownerOf(s, st.ticketE), st.fanB.toLowerCase());
    const sales = await sys.publicClient.getContractEvents({
      address: sys.deployment.contracts.TicketMarketplace,
      abi: sys.contracts.market.abi,
      eventName: "Sale",
      args: { tokenId: st.ticketE, buyer: st.fanB },
      fromBlock: 0n,
    });
    assert.equal(sales.length, 1);
    const { price, fee, royalty } = sales[0]!.args;
    assert.equal(price, amount);
    assert.equal(
      await sys.contracts.token.read.balanceOf([st.fanC]),
      before + price! - fee! - royalty!,
    );
    await screenshot(holder.page, "market-offer-accepted");
    await holder.context.close();
  });

  step(
    "the holder enters two tickets in the draw; it resolves; one wins the $MESI pack, the other redeems an item",
    async () => {
      const s = stack();
      const { sys } = s;
      await increaseTime(s.rpcUrl, st.qualityEnd - (await sys.now()) + 1);
      const holder = await open(s, st.fanB, "/account");
      await connectWallet(holder.page);
      const cards = [st.ticketId, st.ticketE].map((id) => holder.page.getByTestId(`ticket-${id}`));
      // The open bid follows the ticket to its new holder, who may accept it (and does not).
      await cards[0]!.getByRole("button", { name: "Accept 10 $MESI" }).waitFor();
      for (const card of cards) {
        await card.getByRole("button", { name: /Enter the prize draw/ }).click();
        await card.getByTestId("draw-waiting").waitFor();
      }
      for (const id of [st.ticketId, st.ticketE])
        assert.equal(await sys.contracts.ticket.read.isEntered([id]), true);

      await increaseTime(s.rpcUrl, st.drawAt - (await sys.now()) + 1);
      const key = await sys.contracts.draw.read.drawKey([st.campaignId]);
      await sys.mined(
        sys.contracts.randomness.write.commit([key, commitmentOf(DRAW_SECRET)], {
          account: sys.roles.oracle,
        }),
      );
      await mine(s.rpcUrl, 2);
      await sys.mined(
        sys.contracts.randomness.write.reveal([key, DRAW_SECRET], { account: sys.roles.oracle }),
      );

      await holder.page.reload();
      await connectWallet(holder.page);
      await cards[0]!.getByRole("button", { name: /Draw the winners now/ }).click();
      for (const card of cards) await card.getByTestId("draw-result").waitFor();
      // Which ticket wins which tier is the seed's choice: the chain says, the page must agree.
      const tiers = await Promise.all(
        [st.ticketId, st.ticketE].map(
          async (id) => (await sys.contracts.draw.read.entryOf([id])).tier,
        ),
      );
      assert.deepEqual([...tiers].sort(), [1, 2], "both entries won, one tier each");
      const packCard = cards[tiers.indexOf(1)]!;
      const itemCard = cards[tiers.indexOf(2)]!;
      const itemTicket = [st.ticketId, st.ticketE][tiers.indexOf(2)]!;
      await packCard
        .getByTestId("draw-result")
        .getByText("You won a prize of tier 1: a pack of 100 $MESI!")
        .waitFor();
      await itemCard
        .getByTestId("draw-result")
        .getByText(/You won a prize of tier 2: an item \(reference 0x[0-9a-f]{8}…\)!/)
        .waitFor();

      const before = await sys.contracts.token.read.balanceOf([st.fanB]);
      await packCard.getByRole("button", { name: "Claim your prize" }).click();
      await packCard.getByText(/^Prize claimed\./).waitFor();
      assert.equal(await sys.contracts.token.read.balanceOf([st.fanB]), before + parseEther("100"));

      await itemCard.getByRole("button", { name: "Redeem your prize" }).click();
      await itemCard
        .getByTestId("redemption")
        .getByText(/Redemption recorded on chain on .*: Mesi delivers an item/)
        .waitFor();
      const [redemption] = await sys.publicClient.getContractEvents({
        address: sys.deployment.contracts.PrizeDraw,
        abi: sys.contracts.draw.abi,
        eventName: "PrizeRedemption",
        args: { ticketId: itemTicket },
        fromBlock: 0n,
      });
      assert.ok(redemption, "the chain records the redemption");
      assert.equal(redemption.args.owner!.toLowerCase(), st.fanB.toLowerCase());
      assert.equal(redemption.args.kind, 2);
      assert.equal(redemption.args.ref, ITEM_REF);
      for (const id of [st.ticketId, st.ticketE])
        assert.equal((await sys.contracts.draw.read.entryOf([id])).prizeClaimed, true);
      await noSeriousViolations(holder, "account page with prizes");
      await screenshot(holder.page, "journey-4-prizes-claimed-and-redeemed");
    },
  );

  step(
    "a creator sees verified Gallery and NFT Scores, claims revenue and releases vested $MESI",
    async () => {
      const s = stack();
      const { sys } = s;
      const info = await sys.contracts.scoreOracle.read.epochInfo([ScoreKind.GALLERY, st.epoch1]);
      const res = await fetch(`${s.oracle.url}/v1/datasets/${info.datasetHash}`, {
        headers: { "x-mesi-auditor-key": AUDITOR_KEY },
      });
      const dataset = parseEngagementDataset(await res.text());
      const total = dataset.leaves
        .filter((l) => l.kind === "GALLERY")
        .reduce((n, l) => n + BigInt(l.score), 0n);
      assert.equal(info.totalScore, total, "the signers signed the sum of the published scores");
      await sys.mined(
        sys.contracts.token.write.approve(
          [sys.deployment.contracts.RevenueDistributor, parseEther("1000")],
          { account: sys.roles.admin },
        ),
      );
      await sys.mined(
        sys.contracts.distributor.write.fund([parseEther("1000")], { account: sys.roles.admin }),
      );
      await sys.mined(
        sys.contracts.distributor.write.openPool([st.epoch1], { account: sys.roles.oracle }),
      );

      const creator = await open(s, st.creator, "/creators");
      await connectWallet(creator.page);
      const row = creator.page.getByTestId(`gallery-epoch-${st.epoch1}`);
      await row.getByRole("button", { name: "Show and verify my Gallery Score" }).click();
      await row
        .getByTestId("gallery-score")
        .getByText("verified against the chain's root")
        .waitFor();
      // The item's NFT Score: the same signed read and check, for the NFT leaf of this epoch.
      const nftLeaf = dataset.leaves.find((l) => l.kind === "NFT" && l.id.endsWith(`/${st.item}`));
      assert.ok(nftLeaf, "the dataset scores the viewed item");
      const nft = row.getByTestId(`nft-score-${st.item}`);
      await nft
        .getByRole("button", { name: `Show and verify the score of item #${st.item}` })
        .click();
      await nft.getByText("verified against the chain's root").waitFor();
      assert.match(
        (await nft.textContent()) ?? "",
        new RegExp(`^Item #${st.item}: ${nftLeaf.score} `),
      );
      assert.notEqual(
        (await sys.contracts.scoreOracle.read.epochInfo([ScoreKind.NFT, st.epoch1])).root,
        `0x${"0".repeat(64)}`,
      );
      await row.getByRole("button", { name: "Claim my revenue" }).click();
      await row.getByText(/Claim revenue of epoch \d+: done/).waitFor();
      assert.equal(await sys.contracts.distributor.read.hasClaimed([st.epoch1, st.creator]), true);

      await creator.page
        .getByTestId(/^schedule-/)
        .first()
        .waitFor();
      await increaseTime(s.rpcUrl, 8 * DAY);
      await mine(s.rpcUrl, 1);
      await creator.page.reload();
      await connectWallet(creator.page);
      await creator.page.getByRole("button", { name: /^Release .* now$/ }).click();
      await creator.page.getByText("Release vested $MESI: done").waitFor();
      const schedules = await sys.publicClient.getContractEvents({
        address: sys.deployment.contracts.VestingVault,
        abi: sys.contracts.vault.abi,
        eventName: "Released",
        args: { beneficiary: st.creator },
        fromBlock: 0n,
      });
      assert.ok(
        schedules.length > 0 && schedules[0]!.args.amount! > 0n,
        "vested $MESI released on chain",
      );
      await noSeriousViolations(creator, "creators page with scores and vesting");
      await screenshot(creator.page, "journey-5-creator");
    },
  );

  step(
    "indexer down: lists say so while what the chain holds still shows; back up: lists return",
    async () => {
      const s = stack();
      const live = s.config.indexerUrl;
      s.config.indexerUrl = "http://127.0.0.1:9";
      try {
        const fan = await open(s, st.fanA, "/account");
        await connectWallet(fan.page);
        await fan.page
          .getByRole("alert")
          .getByText(/indexer cannot be reached/)
          .first()
          .waitFor();
        await fan.page
          .getByTestId("consent-status")
          .getByText("You consent to 2 of 6 uses")
          .waitFor();
        await screenshot(fan.page, "outage-indexer-down");
        await fan.context.close();
      } finally {
        s.config.indexerUrl = live;
      }
      const fan = await open(s, st.fanA, "/");
      await fan.page.getByTestId(`campaign-${st.campaignId}`).waitFor();
    },
  );

  step(
    "oracle down: a signed appeal fails in words and keeps its text; back up: receipt and appeal go through",
    async () => {
      const s = stack();
      const live = s.config.oracleUrl;
      const reason = "My answers were my own; please look again at the timing.";
      s.config.oracleUrl = "http://127.0.0.1:9";
      try {
        const fan = await open(s, st.fanA, "/account");
        await connectWallet(fan.page);
        await fan.page.getByLabel("What you appeal").selectOption("exclusion");
        await fan.page.getByLabel("Why the decision is wrong").fill(reason);
        await fan.page.getByRole("button", { name: "Sign and send the appeal" }).click();
        await fan.page
          .getByRole("alert")
          .getByText(/oracle cannot be reached.*Your appeal is kept/)
          .waitFor();
        assert.equal(await fan.page.getByLabel("Why the decision is wrong").inputValue(), reason);
        await screenshot(fan.page, "outage-oracle-down");
        await fan.context.close();
      } finally {
        s.config.oracleUrl = live;
      }
      const fan = await open(s, st.fanA, "/account");
      await connectWallet(fan.page);
      await fan.page.getByLabel("Epoch").selectOption(String(st.epoch1));
      await fan.page.getByRole("button", { name: "Show my receipt" }).click();
      await fan.page
        .getByTestId("receipt")
        .getByText(/Training Quality Score \d/)
        .waitFor();
      await fan.page.getByLabel("What you appeal").selectOption("exclusion");
      await fan.page.getByLabel("Why the decision is wrong").fill(reason);
      await fan.page.getByRole("button", { name: "Sign and send the appeal" }).click();
      // The signature verified and the oracle judged the appeal itself: this fan is not excluded.
      await fan.page
        .getByRole("alert")
        .getByText(/the account is not excluded/)
        .waitFor();
      await noSeriousViolations(fan, "account page with a receipt");
      await screenshot(fan.page, "journey-receipt-and-appeal");
    },
  );

  step(
    "an auditor verifies an epoch in the browser (match) and a tampered dataset (mismatch)",
    async () => {
      const s = stack();
      const auditor = await open(s, undefined, "/auditors");
      const form = auditor.page.getByRole("region", { name: "Verify an epoch in your browser" });
      await form
        .getByLabel("Epoch")
        .selectOption({ label: `Training Quality Scores, epoch ${st.epoch1}` });
      await form.getByRole("button", { name: "Verify in my browser" }).click();
      await form
        .getByTestId("verify-outcome")
        .getByText(/^Match:/)
        .waitFor({ timeout: 120_000 });
      await noSeriousViolations(auditor, "auditors page after a verification");
      await screenshot(auditor.page, "journey-6-verified");

      // The engagement epoch (User, NFT, Gallery): auditors only, with their key.
      await form
        .getByLabel("Epoch")
        .selectOption({ label: `Engagement (User, NFT, Gallery), epoch ${st.epoch1}` });
      await form.getByLabel("Auditor key").fill("not-an-auditor-key");
      await form.getByRole("button", { name: "Verify in my browser" }).click();
      await form
        .getByRole("alert")
        .getByText(/refused this auditor key/)
        .waitFor();
      await form.getByLabel("Auditor key").fill(AUDITOR_KEY);
      await form.getByRole("button", { name: "Verify in my browser" }).click();
      const outcome = form.getByTestId("verify-outcome");
      await outcome.getByText(/^Match:/).waitFor({ timeout: 120_000 });
      for (const kind of ["USER", "NFT", "GALLERY"])
        await outcome.getByText(new RegExp(`^${kind}: \\d+ leaves, root matches`)).waitFor();
      await outcome
        .getByTestId("verify-chain-map")
        .getByText(/\d+ NFTs? and \d+ galler(y|ies) match the chain.s gallery collection/)
        .waitFor();
      await screenshot(auditor.page, "journey-6-engagement-verified");
      await form
        .getByLabel("Epoch")
        .selectOption({ label: `Training Quality Scores, epoch ${st.epoch1}` });

      await auditor.page.route("**/v1/datasets/**", async (route) => {
        const original = await route.fetch();
        const text = await original.text();
        // Move one submission's answer time by a second: the published data no longer is what
        // the chain committed to.
        const tampered = text.replace(/"submittedAt":"([^"]+)"/, (_m, t: string) => {
          const d = new Date(new Date(t).getTime() + 1000);
          return `"submittedAt":"${d.toISOString()}"`;
        });
        await route.fulfill({ response: original, body: tampered });
      });
      await form.getByRole("button", { name: "Verify in my browser" }).click();
      await form
        .getByTestId("verify-outcome")
        .getByText(/^Mismatch:/)
        .waitFor({ timeout: 120_000 });
      await form
        .getByText(/DIFFERS from the chain's/)
        .first()
        .waitFor();
      await screenshot(auditor.page, "journey-7-tampered");
    },
  );

  step(
    "a draw whose random seed never came is closed without winners; the fan leaves it, the ticket unlocked",
    async () => {
      const s = stack();
      const { sys } = s;
      const { campaignId, qualityEnd, drawAt } = await createCampaign(s, "dusk", [
        prize(2, 1n, ITEM_REF),
      ]);
      await s.platform.registerTasks(campaignId, TASKS);
      await joinOnChain(s, campaignId, st.fanD);
      const epoch = await s.oracle.openEpochWith(5);
      await s.platform.submitWork(st.fanD, campaignId, TASKS);
      const ticketId = await sys.contracts.ticket.read.nextTokenId();
      await runEpoch(s, epoch);
      assert.equal(await ownerOf(s, ticketId), st.fanD.toLowerCase());
      assert.equal(await sys.contracts.ticket.read.campaignOf([ticketId]), campaignId);
      assert.equal(await sys.contracts.ticket.read.stateOf([ticketId]), 2, "Active on chain");

      await increaseTime(s.rpcUrl, qualityEnd - (await sys.now()) + 1);
      const fan = await open(s, st.fanD, "/account");
      await connectWallet(fan.page);
      const card = fan.page.getByTestId(`ticket-${ticketId}`);
      await card.getByRole("button", { name: /Enter the prize draw/ }).click();
      await card.getByTestId("draw-waiting").waitFor();
      // Nobody commits a seed; after the draw time and its grace period, anyone may close it.
      await increaseTime(s.rpcUrl, drawAt + 14 * DAY - (await sys.now()) + 1);
      await mine(s.rpcUrl, 1);
      await fan.page.reload();
      await connectWallet(fan.page);
      await card
        .getByRole("button", { name: "Close the draw without winners (no random seed came)" })
        .click();
      await card
        .getByTestId("draw-result")
        .getByText(/^No random seed came in time, so this draw was closed without winners on /)
        .waitFor();
      const abandoned = await sys.publicClient.getContractEvents({
        address: sys.deployment.contracts.PrizeDraw,
        abi: sys.contracts.draw.abi,
        eventName: "DrawAbandoned",
        args: { campaignId },
        fromBlock: 0n,
      });
      assert.equal(abandoned.length, 1, "the chain records the abandoned draw");
      await card.getByRole("button", { name: "Leave the draw and unlock the ticket" }).click();
      await card.getByText("Leave the draw: done", { exact: false }).waitFor();
      assert.equal(await sys.contracts.ticket.read.isEntered([ticketId]), false);
      await card.getByTestId("ticket-state").getByText("Active").waitFor();
      await screenshot(fan.page, "journey-8-draw-abandoned");
    },
  );
}
