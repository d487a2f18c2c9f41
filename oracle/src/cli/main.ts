#!/usr/bin/env node
// `mesi-oracle <command> [options]`: every file in ./commands is a command,
// so adding one never edits this dispatcher.
import { readdir } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Command } from "./command.ts";
import { runCommand } from "./run.ts";

const dir = path.join(import.meta.dirname, "commands");

async function loadCommands(): Promise<Map<string, Command>> {
  const commands = new Map<string, Command>();
  for (const file of (await readdir(dir)).filter((f) => f.endsWith(".ts")).sort()) {
    const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as { command?: Command };
    if (mod.command) commands.set(mod.command.name, mod.command);
  }
  return commands;
}

function usage(commands: Map<string, Command>): string {
  const width = Math.max(...[...commands.keys()].map((n) => n.length), 4);
  const lines = [...commands.values()].map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `Usage: mesi-oracle <command> [options]\n\nCommands:\n${lines.join("\n")}\n\nRun \`mesi-oracle <command> --help\` for a command's options; --debug prints the stack trace of a failure.`;
}

const commands = await loadCommands();
const argv = process.argv.slice(2);
const debug = argv.includes("--debug");
const [name, ...rest] = argv.filter((a) => a !== "--debug");
if (!name || name === "--help" || name === "-h" || name === "help") {
  console.log(usage(commands));
  process.exit(name ? 0 : 1);
}
const command = commands.get(name);
if (!command) {
  console.error(`unknown command "${name}"\n\n${usage(commands)}`);
  process.exit(2);
}
await runCommand(command, rest, { debug, prog: "mesi-oracle" });
