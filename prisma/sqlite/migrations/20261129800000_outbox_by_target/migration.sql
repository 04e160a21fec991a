-- CreateIndex
CREATE INDEX "OutboxMessage_platform_target_idx" ON "OutboxMessage"("platform", "target");
