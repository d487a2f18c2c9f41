// The shell: skip link, header with navigation and the wallet button, one route per audience.
// Only the fans' page is in the first chunk; the others load when visited.
import { lazy, Suspense } from "react";
import { NavLink, Route, Routes } from "react-router";
import { FansPage } from "../fans/FansPage.tsx";
import { WalletButton } from "../wallet/WalletButton.tsx";

const AccountPage = lazy(() => import("../fans/AccountPage.tsx"));
const CreatorsPage = lazy(() => import("../creators/CreatorsPage.tsx"));
const AuditorsPage = lazy(() => import("../auditors/AuditorsPage.tsx"));

export function App() {
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <NavLink to="/" className="brand" end>
          Mesi <span>Train2Earn</span>
        </NavLink>
        <nav aria-label="Main">
          <ul>
            <li>
              <NavLink to="/" end>
                Campaigns &amp; market
              </NavLink>
            </li>
            <li>
              <NavLink to="/account">My tickets</NavLink>
            </li>
            <li>
              <NavLink to="/creators">Creators</NavLink>
            </li>
            <li>
              <NavLink to="/auditors">Auditors</NavLink>
            </li>
          </ul>
        </nav>
        <WalletButton />
      </header>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<p role="status">Loading the page…</p>}>
          <Routes>
            <Route path="/" element={<FansPage />} />
            <Route path="/account" element={<AccountPage />} />
            <Route path="/creators" element={<CreatorsPage />} />
            <Route path="/auditors" element={<AuditorsPage />} />
            <Route path="*" element={<NotFound />} />
          </Routes>
        </Suspense>
      </main>
      <footer className="site-footer">
        <p>
          Every published score can be recomputed: see <NavLink to="/auditors">Auditors</NavLink>.
        </p>
      </footer>
    </>
  );
}

function NotFound() {
  return (
    <section>
      <h1>Page not found</h1>
      <p>
        Go back to <NavLink to="/">campaigns and the market</NavLink>.
      </p>
    </section>
  );
}
