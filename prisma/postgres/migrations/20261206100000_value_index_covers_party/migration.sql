-- The same index as on SQLite (see prisma/sqlite/migrations), so that both schemas say the same:
-- the look-ups that compare values read the party and the removal from the index.
CREATE INDEX "Item_type_value_party_removedAt_idx" ON "Item"("type", "value", "party", "removedAt");
DROP INDEX "Item_type_value_idx";
