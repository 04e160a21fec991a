-- Crypto-shredding, the items' rows (storage/sealing/item-cipher.ts): an item's value, the URL as
-- supplied, its source reference and note are sealed under the item's key in "sealed"; "value"
-- holds the value's index token and "relKey" a blinded relation key. Rows written before are
-- sealed at the next start (storage/sealing/seal-items.ts), which notes when in Keyring.
ALTER TABLE "Item" ADD COLUMN "sealed" TEXT;
ALTER TABLE "Keyring" ADD COLUMN "itemsSealedAt" DATETIME;
