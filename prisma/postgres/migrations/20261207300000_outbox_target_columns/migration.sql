-- An outbox message's destination as its kind and its id, a column each, instead of one
-- "user:U123" / "channel:C123" text split at its first colon (see prisma/sqlite/migrations).
ALTER TABLE "OutboxMessage" ADD COLUMN "targetKind" TEXT NOT NULL DEFAULT '', ADD COLUMN "targetId" TEXT NOT NULL DEFAULT '';
UPDATE "OutboxMessage"
SET "targetKind" = split_part("target", ':', 1),
    "targetId" = substr("target", strpos("target", ':') + 1)
WHERE strpos("target", ':') > 0;
DROP INDEX "OutboxMessage_platform_target_idx";
ALTER TABLE "OutboxMessage" DROP COLUMN "target";
ALTER TABLE "OutboxMessage" ALTER COLUMN "targetKind" DROP DEFAULT, ALTER COLUMN "targetId" DROP DEFAULT;
CREATE INDEX "OutboxMessage_platform_targetKind_targetId_idx" ON "OutboxMessage"("platform", "targetKind", "targetId");
