// A fan's own page: consent and KYC, tickets (sell, draws), receipts and appeals. Every part
// needs the wallet, so the page renders wallet islands.
import { Island, lazyWallet } from "../wallet/lazy.tsx";

const ConsentPanel = lazyWallet(() => import("./ConsentPanel.tsx"));
const TicketsPanel = lazyWallet(() => import("./TicketsPanel.tsx"));
const ReceiptPanel = lazyWallet(() => import("./ReceiptPanel.tsx"));
const DataRightsPanel = lazyWallet(() => import("./DataRightsPanel.tsx"));

export default function AccountPage() {
  return (
    <>
      <h1>My tickets and consent</h1>
      <Island label="your tickets" minHeight="10rem">
        <TicketsPanel />
      </Island>
      <Island label="your consent" minHeight="24rem">
        <ConsentPanel />
      </Island>
      <Island label="your receipts and appeals" minHeight="16rem">
        <ReceiptPanel />
      </Island>
      <Island label="your data" minHeight="14rem">
        <DataRightsPanel />
      </Island>
    </>
  );
}
