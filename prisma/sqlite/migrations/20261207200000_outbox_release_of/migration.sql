-- Which outbox messages deliver a release was read from their topic's prefix ("delivery:<request
-- id>"). It is a column of its own: the request whose release the message is. Messages already
-- queued or sent get it from that topic, which only a release's post or file ever had.
ALTER TABLE "OutboxMessage" ADD COLUMN "releaseOf" INTEGER;
UPDATE "OutboxMessage" SET "releaseOf" = CAST(substr("topic", 10) AS INTEGER)
WHERE "kind" <> 'update' AND "topic" LIKE 'delivery:%';
