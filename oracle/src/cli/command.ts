// What every CLI command module in ./commands exports as `command`, and `defineCommand`, which
// builds one from its options declared once: the parser and the --help text both come from
// that declaration, so an option cannot be parsed without being documented, or the reverse.
import { parseArgs, type ParseArgsOptionsConfig } from "node:util";
import { UsageError } from "./errors.ts";

export interface Command {
  /** The word typed after `mesi-oracle`, e.g. "verify". */
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Full `--help` text: usage, what it does, options, environment. */
  help: string;
  /** Runs the command; resolves to the process exit code. */
  run(argv: string[]): Promise<number>;
}

/** One command-line option. */
export interface OptionSpec {
  type: "string" | "boolean";
  /** The value's name in the help (string options), e.g. "N", "FILE", "ADDRESS". */
  value?: string;
  /** What it does, for --help. */
  help: string;
  default?: string | boolean;
}

type Specs = Record<string, OptionSpec>;

/** The parsed values: a string or boolean per option, never undefined when it has a default. */
export type OptionValues<O extends Specs> = {
  [K in keyof O]: O[K] extends { default: string | boolean }
    ? O[K]["type"] extends "boolean"
      ? boolean
      : string
    : (O[K]["type"] extends "boolean" ? boolean : string) | undefined;
};

const HELP_WIDTH = 24;
const LINE_WIDTH = 96;

/** `text` in lines of at most LINE_WIDTH, each after `indent` columns. */
function wrap(text: string, indent: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && indent + line.length + 1 + word.length > LINE_WIDTH) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, line];
}

/** Rows of --help: the label, then its text wrapped beside it (below a long label). */
export function helpRows(rows: readonly (readonly [label: string, text: string])[]): string {
  const pad = " ".repeat(HELP_WIDTH);
  return rows
    .map(([label, text]) => {
      const [first, ...rest] = wrap(text, HELP_WIDTH);
      const flag = `  ${label}`;
      const head =
        flag.length < HELP_WIDTH ? `${flag.padEnd(HELP_WIDTH)}${first}` : `${flag}\n${pad}${first}`;
      return [head, ...rest.map((l) => pad + l)].join("\n");
    })
    .join("\n");
}

/** The options as --help lists them. */
const optionsHelp = (options: Specs) =>
  helpRows(
    Object.entries(options).map(([name, o]) => {
      const shown =
        o.default !== undefined && o.default !== false ? ` (default: ${String(o.default)})` : "";
      return [`--${name}${o.value ? ` ${o.value}` : ""}`, `${o.help}${shown}`] as const;
    }),
  );

export function defineCommand<const O extends Specs>(spec: {
  name: string;
  summary: string;
  /** The usage line(s) after "Usage: ". */
  usage: string;
  /** What the command does, in a paragraph or two. */
  description: string;
  options: O;
  /** The environment variables it reads, each with its help (config.ts's environmentOf). */
  environment?: readonly (readonly [name: string, help: string])[];
  run(values: OptionValues<O>): Promise<number>;
}): Command {
  const config: ParseArgsOptionsConfig = Object.fromEntries(
    Object.entries(spec.options).map(([name, o]) => [
      name,
      o.default === undefined ? { type: o.type } : { type: o.type, default: o.default },
    ]),
  ) as ParseArgsOptionsConfig;
  const sections = [`Usage: ${spec.usage}`, spec.description];
  if (Object.keys(spec.options).length) sections.push(`Options:\n${optionsHelp(spec.options)}`);
  if (spec.environment?.length) sections.push(`Environment:\n${helpRows(spec.environment)}`);
  return {
    name: spec.name,
    summary: spec.summary,
    help: sections.join("\n\n"),
    async run(argv) {
      let values: unknown;
      try {
        ({ values } = parseArgs({ args: argv, options: config, strict: true }));
      } catch (err) {
        throw new UsageError((err as Error).message);
      }
      return spec.run(values as OptionValues<O>);
    },
  };
}
