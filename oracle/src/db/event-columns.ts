// activity_events' columns as an event's JSON carries them (the platform's events as the oracle
// stores them, and the dataset's event lines as verify loads them): one json_to_recordset
// INSERT takes either text as it is.
import type { JsonColumn } from "./insert-chunked.ts";

export const EVENT_JSON_COLUMNS: readonly JsonColumn[] = [
  ["id", "text"],
  ["kind", "text"],
  ["actor", "text"],
  ["collection", "text"],
  ["token_id", "numeric", "tokenId"],
  ["creator", "text"],
  ["duration_ms", "bigint", "durationMs"],
  ["amount_wei", "numeric", "amountWei"],
];
