-- An outbox message's destination was one text, "user:U123" or "channel:C123", taken apart at its
-- first colon whenever the message was read. It is kept as what it is: the kind of destination
-- and its id on the platform, a column each (both empty for an update, as the text was). SQLite
-- adds a NOT NULL column only with a default; every row gets its value here, and the bot always
-- writes both. The index the local workspace reads a destination's deliveries by follows.
ALTER TABLE "OutboxMessage" ADD COLUMN "targetKind" TEXT NOT NULL DEFAULT '';
ALTER TABLE "OutboxMessage" ADD COLUMN "targetId" TEXT NOT NULL DEFAULT '';
UPDATE "OutboxMessage"
SET "targetKind" = substr("target", 1, instr("target", ':') - 1),
    "targetId" = substr("target", instr("target", ':') + 1)
WHERE instr("target", ':') > 0;
DROP INDEX "OutboxMessage_platform_target_idx";
ALTER TABLE "OutboxMessage" DROP COLUMN "target";
CREATE INDEX "OutboxMessage_platform_targetKind_targetId_idx" ON "OutboxMessage"("platform", "targetKind", "targetId");
