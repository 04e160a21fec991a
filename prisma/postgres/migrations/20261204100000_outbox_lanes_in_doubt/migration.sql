-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "inDoubtSince" TIMESTAMP(3),
ADD COLUMN     "lane" TEXT NOT NULL DEFAULT '';

-- Every message already queued joins its lane: an update that of its topic, a post or file that
-- of its destination.
UPDATE "OutboxMessage" SET "lane" = CASE WHEN "kind" = 'update' THEN 'topic:' || COALESCE("topic", '') ELSE "platform" || ':' || "target" END;

-- CreateIndex
CREATE INDEX "OutboxMessage_state_lane_id_idx" ON "OutboxMessage"("state", "lane", "id");
