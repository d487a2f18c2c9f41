#!/usr/bin/env node
// The simulator (development tooling, outside the oracle's src/): a realistic day of users,
// abusive ones included, posted to a running oracle. `node oracle/sim/main.ts --help`.
import { runCommand } from "../src/cli/run.ts";
import { command } from "./command.ts";

const argv = process.argv.slice(2);
await runCommand(
  command,
  argv.filter((a) => a !== "--debug"),
  { debug: argv.includes("--debug"), prog: "mesi" },
);
