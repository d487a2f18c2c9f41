// Runs one command the way every entry point does: --help prints its help; a usage error is one
// line and exit 2; any other failure is one line and exit 1 (the stack only with --debug).
import { inspect } from "node:util";
import type { Command } from "./command.ts";
import { oneLine, UsageError } from "./errors.ts";

export async function runCommand(
  command: Command,
  argv: string[],
  opts: { debug: boolean; prog: string },
): Promise<void> {
  if (argv.includes("--help") || argv.includes("-h")) {
    console.log(command.help);
    process.exit(0);
  }
  const who = `${opts.prog} ${command.name}`;
  try {
    process.exitCode = await command.run(argv);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`${who}: ${err.message}; see --help\n`, () => process.exit(2));
      return;
    }
    const line = `${who}: ${oneLine(err)}${opts.debug ? "" : " (--debug shows the stack trace)"}`;
    // Exit once it is written: a failed command may leave a database or a timer open that
    // would keep the process alive, and a pipe's write is asynchronous.
    process.stderr.write(opts.debug ? `${line}\n${inspect(err)}\n` : `${line}\n`, () =>
      process.exit(1),
    );
  }
}
