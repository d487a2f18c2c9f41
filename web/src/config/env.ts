// The app's run-time settings (window.MESI_CONFIG from /config.js), validated once: a bad
// deployment file names the field and the rule instead of failing somewhere later.
import * as z from "zod/mini";

const url = (field: string) =>
  z
    .string()
    .check(z.refine((v) => /^https?:\/\/[^\s]+$/.test(v), `${field}: must be an http(s) URL`));

const Settings = z.object({
  chainId: z.number().check(z.int(), z.positive()),
  rpcUrl: url("rpcUrl"),
  oracleUrl: url("oracleUrl"),
  indexerUrl: url("indexerUrl"),
  walletConnectProjectId: z.optional(z.string()),
});

export type Settings = z.infer<typeof Settings>;

declare global {
  interface Window {
    MESI_CONFIG?: unknown;
  }
}

function load(): Settings {
  const parsed = Settings.safeParse(window.MESI_CONFIG);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `config.js: ${issue ? `${issue.path.join(".") || "MESI_CONFIG"}: ${issue.message}` : "invalid"}`,
    );
  }
  const s = parsed.data;
  const trim = (u: string) => u.replace(/\/+$/, "");
  return { ...s, oracleUrl: trim(s.oracleUrl), indexerUrl: trim(s.indexerUrl) };
}

export const settings: Settings = load();
