-- Where a release is delivered was one text, "<platform>:<channel id>", taken apart at its first
-- colon by the code. It is stored as the platform and the channel, a column each; existing rows
-- are split at their first colon, as the code did (see prisma/sqlite/migrations).
ALTER TABLE "DisclosureRequest" ADD COLUMN "deliverPlatform" TEXT, ADD COLUMN "deliverChannel" TEXT;
UPDATE "DisclosureRequest"
SET "deliverPlatform" = split_part("deliverTo", ':', 1),
    "deliverChannel" = substr("deliverTo", strpos("deliverTo", ':') + 1);
ALTER TABLE "DisclosureRequest"
  ALTER COLUMN "deliverPlatform" SET NOT NULL,
  ALTER COLUMN "deliverChannel" SET NOT NULL,
  DROP COLUMN "deliverTo";
