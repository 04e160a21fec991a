-- Crypto-shredding (Wiv 2017): texts that name an item are sealed under a key derived from a
-- random nonce kept on the item's row; clearing the nonce when its party lets the item go
-- destroys every such text. Items on file get their nonce here (SQLite's randomblob is drawn
-- from the operating system's generator); removed items get none. The cell's root key, wrapped
-- by the master key that lives outside the database, is one row of Keyring, written at start-up.
ALTER TABLE "Item" ADD COLUMN "keyNonce" TEXT;
UPDATE "Item" SET "keyNonce" = lower(hex(randomblob(16))) WHERE "removedAt" IS NULL;
CREATE TABLE "Keyring" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "wrapped" TEXT NOT NULL,
    "masterFingerprint" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "rotatedAt" DATETIME,
    "sealedAt" DATETIME
);
