// How the main chunk reaches the wallet layer without loading it: a wallet island is a lazy
// component that renders inside the wallet chunk's scope. The first route imports none of
// wagmi or RainbowKit; the chunk is fetched when a page shows an island, or when the browser
// is idle after the first data arrived.
import { lazy, Suspense, useSyncExternalStore, type ComponentType, type ReactNode } from "react";

const loadRuntime = () => import("./layer.tsx");
let runtime: ReturnType<typeof loadRuntime> | undefined;
let loaded = false;
const listeners = new Set<() => void>();

/** The wallet chunk (loaded once). */
export const walletRuntime = () =>
  (runtime ??= loadRuntime().then((m) => {
    loaded = true;
    listeners.forEach((l) => l());
    return m;
  }));

/** True once the wallet chunk has loaded (re-renders the caller then). */
export const useWalletLoaded = () =>
  useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => loaded,
  );

/** Fetches the wallet chunk when the browser is idle, so a later click does not wait for it. */
export function prefetchWalletWhenIdle(): void {
  const idle = window.requestIdleCallback ?? ((cb: () => void) => window.setTimeout(cb, 1500));
  idle(() => void walletRuntime());
}

/** A component from a wallet module, rendered inside the wallet scope once both are loaded. */
export function lazyWallet<P extends object>(
  load: () => Promise<{ default: ComponentType<P> }>,
): ComponentType<P> {
  return lazy(async () => {
    const [{ WalletScope }, mod] = await Promise.all([walletRuntime(), load()]);
    const Inner = mod.default;
    return {
      default: (props: P) => (
        <WalletScope>
          <Inner {...props} />
        </WalletScope>
      ),
    };
  });
}

/** A wallet island with a placeholder of the same size while the chunk loads. */
export function Island({
  children,
  minHeight,
  label,
}: {
  children: ReactNode;
  minHeight: string;
  label: string;
}) {
  return (
    <Suspense
      fallback={
        <div className="island-loading" style={{ minHeight }} role="status">
          Loading {label}…
        </div>
      }
    >
      {children}
    </Suspense>
  );
}
