-- The address keys' second scheme (storage/sealing/item-cipher.ts): a database whose keys were made
-- before has its stored address keys remade at the next start (storage/sealing/reblind-addresses.ts),
-- which notes when here; keys made from now on note it when they are made.
ALTER TABLE "Keyring" ADD COLUMN "addressKeysAt" DATETIME;
