// Kysely table types, one interface per table of the migrations in ./migrations.
// NUMERIC and BIGINT columns come back as strings (exact uint256/epoch values).
import type { ColumnType, Generated } from "kysely";

type Numeric = ColumnType<string, string | bigint, string | bigint>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface ActivityEventsTable {
  id: string;
  client_id: string;
  epoch: Numeric;
  kind: string;
  actor: string;
  collection: string | null;
  token_id: Numeric | null;
  creator: string | null;
  duration_ms: ColumnType<string, string | bigint | number | undefined, string | bigint | number>;
  amount_wei: ColumnType<string, string | bigint | undefined, string | bigint>;
  occurred_at: Timestamp;
  received_at: Generated<Date>;
  payload_hash: string;
}

export interface SubmissionsTable {
  id: string;
  client_id: string;
  epoch: Numeric;
  account: string;
  campaign_id: Numeric;
  task_id: string;
  task_type: string;
  answer: string | null;
  rating: number | null;
  choice: string | null;
  started_at: Timestamp;
  submitted_at: Timestamp;
  received_at: Generated<Date>;
  payload_hash: string;
}

export interface FlagsTable {
  id: Generated<string>;
  epoch: Numeric;
  account: string;
  submission_id: string | null;
  rule_id: string;
  rule_version: number;
  severity: ColumnType<string, string | number, string | number>;
  detail: ColumnType<unknown, string | undefined, string>;
  status: Generated<"open" | "upheld" | "dismissed">;
  created_at: Generated<Date>;
}

export interface HoldingsSnapshotTable {
  epoch: Numeric;
  account: string;
  tickets: ColumnType<number, number | undefined, number>;
  mesi_wei: ColumnType<string, string | bigint | undefined, string | bigint>;
  votes_wei: ColumnType<string, string | bigint | undefined, string | bigint>;
  locked_wei: ColumnType<string, string | bigint | undefined, string | bigint>;
}

export interface UserScoresTable {
  epoch: Numeric;
  account: string;
  score: Numeric;
}

export interface NftScoresTable {
  epoch: Numeric;
  collection: string;
  token_id: Numeric;
  creator: string | null;
  score: Numeric;
}

export interface GalleryScoresTable {
  epoch: Numeric;
  creator: string;
  score: Numeric;
}

export interface TqsScoresTable {
  epoch: Numeric;
  account: string;
  previous: number;
  clean: number;
  penalty: number;
  decay: number;
  score: number;
  excluded: boolean;
}

export interface DatasetsTable {
  kind: "TQS" | "USER" | "NFT" | "GALLERY";
  epoch: Numeric;
  hash: string;
  root: string;
  created_at: Generated<Date>;
}

export interface SchemaMigrationsTable {
  name: string;
  applied_at: Generated<Date>;
}

export interface Tables {
  activity_events: ActivityEventsTable;
  submissions: SubmissionsTable;
  flags: FlagsTable;
  holdings_snapshot: HoldingsSnapshotTable;
  user_scores: UserScoresTable;
  nft_scores: NftScoresTable;
  gallery_scores: GalleryScoresTable;
  tqs_scores: TqsScoresTable;
  datasets: DatasetsTable;
  schema_migrations: SchemaMigrationsTable;
}
