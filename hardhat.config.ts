import { createRequire } from "node:module";
import { configVariable, defineConfig } from "hardhat/config";
import hardhatToolboxViem from "@nomicfoundation/hardhat-toolbox-viem";

// No compiler download is possible on our machines: compile with the npm `solc`
// package's soljson, whose absolute path Hardhat needs.
const require = createRequire(import.meta.url);
const SOLC_VERSION = "0.8.30";
const solcPath = require.resolve("solc/soljson.js");

const compiler = (runs: number) => ({
  version: SOLC_VERSION,
  path: solcPath,
  settings: {
    optimizer: { enabled: true, runs },
    evmVersion: "prague",
  },
});

export default defineConfig({
  plugins: [hardhatToolboxViem],
  solidity: {
    profiles: {
      default: compiler(200),
      production: { ...compiler(1000), isolated: true },
    },
    npmFilesToBuild: ["@openzeppelin/contracts/token/ERC721/ERC721.sol"],
  },
  paths: {
    sources: "./contracts",
    tests: { solidity: "./contracts", nodejs: "./test" },
  },
  test: {
    solidity: {
      fuzz: { runs: Number(process.env.FUZZ_RUNS ?? 256) },
      // Each run is a random sequence of `depth` handler calls (contracts/test/*Invariants.t.sol).
      invariant: {
        runs: Number(process.env.INVARIANT_RUNS ?? 256),
        depth: Number(process.env.INVARIANT_DEPTH ?? 20),
        failOnRevert: false,
      },
    },
  },
  networks: {
    // A public L2 (docs/DEPLOY.md): both values are read only when this network is used, from
    // the Hardhat keystore (`npx hardhat keystore set MESI_DEPLOYER_KEY`) or the environment.
    l2: {
      type: "http",
      chainType: "op",
      url: configVariable("MESI_L2_RPC_URL"),
      accounts: [configVariable("MESI_DEPLOYER_KEY")],
    },
    localhost: {
      type: "http",
      chainType: "l1",
      url: process.env.RPC_URL ?? "http://127.0.0.1:8545",
    },
  },
});
