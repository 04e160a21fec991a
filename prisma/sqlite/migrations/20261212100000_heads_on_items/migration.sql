-- The current version of each indicator is marked on its own row ("head" = 1) instead of a row in
-- a table of its own: one unique index (type, value, party, head) keeps a party's value current
-- once, also when two instances race (NULLs are distinct in a unique index: replaced versions
-- and removed items share it freely), and serves the value look-ups with the party, as the
-- index it replaces did. An item is written with two index entries and a table row fewer.
ALTER TABLE "Item" ADD COLUMN "head" INTEGER;
UPDATE "Item" SET "head" = 1 WHERE "id" IN (SELECT "itemId" FROM "ItemHead");
DROP INDEX "Item_type_value_party_removedAt_idx";
CREATE UNIQUE INDEX "Item_type_value_party_head_key" ON "Item"("type", "value", "party", "head");
DROP TABLE "ItemHead";
