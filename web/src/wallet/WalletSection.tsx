// A page section that needs the person's wallet: its heading, then the content once a wallet is
// connected (RequireWallet says what is missing otherwise).
import { useId, type ReactNode } from "react";
import { RequireWallet } from "./RequireWallet.tsx";

export function WalletSection({
  title,
  purpose,
  children,
}: {
  title: string;
  /** What the wallet is for, completing "Connect a wallet to …". */
  purpose: string;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <RequireWallet purpose={purpose}>{children}</RequireWallet>
    </section>
  );
}
