// The deployed contracts as the tests read them: the app's own ABI table and the same
// @mesi/abi deployment (chain 31337) the app uses.
import { addressOf } from "@mesi/abi";
import { appAbis, type AppContract } from "../../src/chain/abis.ts";

export const contract = <N extends AppContract>(name: N) => ({
  address: addressOf(31337, name),
  abi: appAbis[name],
});
