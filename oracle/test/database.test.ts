import { test } from "node:test";
import assert from "node:assert/strict";
import { openDatabase } from "../src/db/database.ts";
import { migrate } from "../src/db/migrate.ts";

test("PGlite database migrates once and keeps uint256 values exact", async () => {
  const database = await openDatabase();
  try {
    assert.deepEqual(await migrate(database), [], "second migrate applies nothing");
    const big = (2n ** 256n - 1n).toString();
    await database.db
      .insertInto("activity_events")
      .values({
        id: "e1",
        client_id: "c",
        epoch: 1n,
        kind: "tip",
        actor: "0x01",
        amount_wei: big,
        occurred_at: new Date(0),
        payload_hash: "h",
      })
      .execute();
    const row = await database.db
      .selectFrom("activity_events")
      .selectAll()
      .executeTakeFirstOrThrow();
    assert.equal(row.amount_wei, big);
    assert.equal(row.epoch, "1");
  } finally {
    await database.close();
  }
});

test("a real PostgreSQL server runs the same migrations", async () => {
  const { startPostgres } = await import("../../test/support/postgres.ts");
  const server = await startPostgres();
  try {
    const database = await openDatabase({ url: server.url });
    try {
      assert.equal(database.engine, "postgres");
      assert.deepEqual(await migrate(database), []);
      const tables = await database.db.introspection.getTables();
      assert.ok(tables.some((t) => t.name === "submissions"));
    } finally {
      await database.close();
    }
  } finally {
    server.stop();
  }
});
