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
  content_erased: ColumnType<"request" | "retention" | null, never, "request" | "retention">;
  content_erased_at: ColumnType<Date | null, never, Date>;
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

export interface ReviewItemsTable {
  id: Generated<string>;
  epoch: Numeric;
  kind: "flag" | "sample" | "appeal";
  account: string;
  flag_id: ColumnType<string | null, string | bigint | null | undefined, string | bigint | null>;
  submission_id: string | null;
  appeal_target: "flag" | "ticket" | "exclusion" | null;
  ticket_id: ColumnType<string | null, string | bigint | null | undefined, string | bigint | null>;
  reason: Generated<string>;
  deadline: ColumnType<Date | null, Date | null | undefined, Date | null>;
  status: Generated<"pending" | "decided">;
  decision: "approve" | "flag" | "remove" | "grant" | "deny" | null;
  reviewer: string | null;
  note: string | null;
  decided_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  decision_seq: ColumnType<
    string | null,
    string | bigint | null | undefined,
    string | bigint | null
  >;
  applied_epoch: ColumnType<
    string | null,
    string | bigint | null | undefined,
    string | bigint | null
  >;
  created_at: Generated<Date>;
}

export interface ReinstatementsTable {
  review_item: Numeric;
  account: string;
  floor: number;
  applied_epoch: ColumnType<
    string | null,
    string | bigint | null | undefined,
    string | bigint | null
  >;
}

export interface AnomalyScoresTable {
  epoch: Numeric;
  account: string;
  score: ColumnType<string, string | number, string | number>;
  features: ColumnType<unknown, string, string>;
}

export interface AuditLogTable {
  seq: Numeric;
  at: string;
  actor: string;
  action: string;
  body: ColumnType<unknown, string, never>;
  prev_hash: string;
  hash: string;
}

export interface PublicationJournalTable {
  id: Generated<string>;
  epoch: Numeric;
  step: string;
  tx_hash: string;
  /** The signed transaction (null on rows journaled before 015). */
  raw_tx: ColumnType<string | null, string | null | undefined, string | null>;
  status: "sent" | "confirmed" | "reverted" | "dropped";
  sent_at: Generated<Date>;
  settled_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface EpochRunsTable {
  epoch: Numeric;
  finished_at: Generated<Date>;
  result: ColumnType<unknown, string, string>;
}

export interface CampaignTasksTable {
  campaign_id: Numeric;
  task_id: string;
  client_id: string;
}

export interface CampaignGoldTable {
  campaign_id: Numeric;
  client_id: string;
  commitment: string;
  committed_epoch: Numeric;
  revealed_epoch: Numeric | null;
  revealed_at: Timestamp | null;
  salt: string | null;
  answers: Record<string, string[]> | null;
}

export interface AuthNoncesTable {
  nonce: string;
  expires_at: Timestamp;
}

export interface AuditTextsTable {
  seq: Numeric;
  field: string;
  account: string;
  salt: string;
  text: string;
}

export interface NftCreatorsTable {
  epoch: Numeric;
  collection: string;
  token_id: Numeric;
  gallery_id: ColumnType<string | null, string | bigint | null, string | bigint | null>;
  creator: string | null;
}

export interface GalleryCreatorsTable {
  epoch: Numeric;
  creator: string;
  gallery_id: ColumnType<string | null, string | bigint | null, string | bigint | null>;
}

export interface TicketReissuesTable {
  review_item: Numeric;
  voided_id: Numeric;
  outcome: "reissued" | "not-void" | "not-yours";
  new_id: ColumnType<string | null, string | bigint | null | undefined, string | bigint | null>;
  epoch: Numeric;
}

export interface RandomnessSeedsTable {
  key: string;
  purpose: "selection" | "draw";
  campaign_id: Numeric;
  commitment: string;
  /** revealed by the oracle · missed (the fallback seed, a fault) · foreign (another secret was
   * committed) · failed (the fallback was not settled within 8,191 blocks: no seed, ever) */
  outcome: "revealed" | "missed" | "foreign" | "failed";
  seed: string | null;
  settled_at: Generated<Date>;
}

export interface ConsentEventsTable {
  registry: string;
  block_number: Numeric;
  log_index: number;
  account: string;
  block_time: Timestamp;
  scopes: number;
  policy_hash: string | null;
}

export interface ConsentSyncTable {
  registry: string;
  chain_id: Numeric;
  synced_block: Numeric;
  synced_time: Timestamp;
  updated_at: Generated<Date>;
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
  review_items: ReviewItemsTable;
  reinstatements: ReinstatementsTable;
  anomaly_scores: AnomalyScoresTable;
  audit_log: AuditLogTable;
  publication_journal: PublicationJournalTable;
  epoch_runs: EpochRunsTable;
  campaign_tasks: CampaignTasksTable;
  auth_nonces: AuthNoncesTable;
  audit_texts: AuditTextsTable;
  nft_creators: NftCreatorsTable;
  gallery_creators: GalleryCreatorsTable;
  ticket_reissues: TicketReissuesTable;
  campaign_gold: CampaignGoldTable;
  randomness_seeds: RandomnessSeedsTable;
  consent_events: ConsentEventsTable;
  consent_sync: ConsentSyncTable;
  schema_migrations: SchemaMigrationsTable;
}
