// Run-time settings of the web app (the local stack's defaults). A deployment replaces this
// file; nothing in the build names an endpoint. walletConnectProjectId: "" keeps
// WalletConnect off (injected wallets only).
window.MESI_CONFIG = {
  chainId: 31337,
  rpcUrl: "http://127.0.0.1:8545",
  oracleUrl: "http://127.0.0.1:8787",
  indexerUrl: "http://127.0.0.1:42069",
  walletConnectProjectId: "",
};
