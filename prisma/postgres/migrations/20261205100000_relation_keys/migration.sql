-- AlterTable. The keys are compared as ranges ("d:example.evil." up to "d:example.evil/"): in
-- byte order, whatever the database's collation, which may skip punctuation.
ALTER TABLE "Item" ADD COLUMN "relKey" TEXT COLLATE "C";

-- CreateIndex
CREATE INDEX "Item_relKey_idx" ON "Item"("relKey");

-- The keys of the items already stored are read from their values in code, in the same
-- transaction (src/storage/migrate.ts, relation-key.ts): SQL has no reading of a domain's labels.
