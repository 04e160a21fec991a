-- The request whose release an outbox message is, instead of its topic's prefix
-- ("delivery:<request id>"); see prisma/sqlite/migrations for the same step.
ALTER TABLE "OutboxMessage" ADD COLUMN "releaseOf" INTEGER;
UPDATE "OutboxMessage" SET "releaseOf" = CAST(substr("topic", 10) AS INTEGER)
WHERE "kind" <> 'update' AND "topic" LIKE 'delivery:%';
