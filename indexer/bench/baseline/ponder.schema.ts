// One table: transfers received per (token, account).
import { onchainTable, primaryKey } from "ponder";

export const received = onchainTable(
  "received",
  (t) => ({
    token: t.hex().notNull(),
    account: t.hex().notNull(),
    transfers: t.integer().notNull(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.token, table.account] }) }),
);
