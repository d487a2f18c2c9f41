// Every migration, in order: the SQL is kept in modules (not files read at run time) so the
// browser (the web app's verify, on PGlite) gets the very same schema. Names keep the ".sql"
// suffix they were first recorded under in schema_migrations.
import m001 from "./001_ingest.ts";
import m002 from "./002_flags.ts";
import m003 from "./003_scoring.ts";
import m004 from "./004_tqs.ts";
import m005 from "./005_datasets.ts";
import m006 from "./006_review.ts";
import m007 from "./007_publication.ts";
import m008 from "./008_campaign_tasks.ts";
import m009 from "./009_ticket_reissues.ts";
import m010 from "./010_privacy.ts";
import m011 from "./011_gallery_map.ts";
import m012 from "./012_campaign_gold.ts";
import m013 from "./013_data_rights.ts";
import m014 from "./014_randomness_seeds.ts";
import m015 from "./015_signed_transactions.ts";
import m016 from "./016_failed_seeds.ts";

export const MIGRATIONS: readonly { name: string; sql: string }[] = [
  { name: "001_ingest.sql", sql: m001 },
  { name: "002_flags.sql", sql: m002 },
  { name: "003_scoring.sql", sql: m003 },
  { name: "004_tqs.sql", sql: m004 },
  { name: "005_datasets.sql", sql: m005 },
  { name: "006_review.sql", sql: m006 },
  { name: "007_publication.sql", sql: m007 },
  { name: "008_campaign_tasks.sql", sql: m008 },
  { name: "009_ticket_reissues.sql", sql: m009 },
  { name: "010_privacy.sql", sql: m010 },
  { name: "011_gallery_map.sql", sql: m011 },
  { name: "012_campaign_gold.sql", sql: m012 },
  { name: "013_data_rights.sql", sql: m013 },
  { name: "014_randomness_seeds.sql", sql: m014 },
  { name: "015_signed_transactions.sql", sql: m015 },
  { name: "016_failed_seeds.sql", sql: m016 },
];
