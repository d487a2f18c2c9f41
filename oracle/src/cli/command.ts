// The shape every CLI command module in ./commands exports as `command`.
export interface Command {
  /** The word typed after `mesi-oracle`, e.g. "verify". */
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Full `--help` text: usage, options, examples. */
  help: string;
  /** Runs the command; resolves to the process exit code. */
  run(argv: string[]): Promise<number>;
}
