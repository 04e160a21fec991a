-- Where a release is delivered was one text, "<platform>:<channel id>", which the code took apart
-- at its first colon wherever it needed the platform. It is stored as what it is: the platform and
-- the channel, each a column of its own. Existing rows are split at their first colon, as the code
-- did (a channel id may itself hold a colon; a platform name never does). SQLite adds a NOT NULL
-- column only with a default; every row gets its value here, and the bot always writes both.
ALTER TABLE "DisclosureRequest" ADD COLUMN "deliverPlatform" TEXT NOT NULL DEFAULT '';
ALTER TABLE "DisclosureRequest" ADD COLUMN "deliverChannel" TEXT NOT NULL DEFAULT '';
UPDATE "DisclosureRequest"
SET "deliverPlatform" = substr("deliverTo", 1, instr("deliverTo", ':') - 1),
    "deliverChannel" = substr("deliverTo", instr("deliverTo", ':') + 1);
ALTER TABLE "DisclosureRequest" DROP COLUMN "deliverTo";
