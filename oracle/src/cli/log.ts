// Structured logs: one JSON object per line on stdout, with the time.
import { bigintsAsStrings } from "../util/canonical-json.ts";

export const logJson = (entry: Record<string, unknown>) =>
  console.log(JSON.stringify({ time: new Date().toISOString(), ...entry }, bigintsAsStrings));

/** The pipeline's (step, detail) log as structured lines. */
export const stepLog = (step: string, detail: Record<string, unknown>) =>
  logJson({ level: "info", msg: step, ...detail });
