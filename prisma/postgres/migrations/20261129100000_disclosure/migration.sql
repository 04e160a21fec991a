-- CreateTable
CREATE TABLE "Analysis" (
    "id" SERIAL NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "authorName" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Analysis_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AnalysisItem" (
    "analysisId" INTEGER NOT NULL,
    "itemId" INTEGER NOT NULL,

    CONSTRAINT "AnalysisItem_pkey" PRIMARY KEY ("analysisId","itemId")
);

-- CreateTable
CREATE TABLE "DisclosureRequest" (
    "id" SERIAL NOT NULL,
    "requesterId" TEXT NOT NULL,
    "requesterName" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "recipientId" TEXT NOT NULL,
    "recipientName" TEXT NOT NULL,
    "recipientKind" TEXT NOT NULL,
    "viaParty" TEXT,
    "deliverTo" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "legalBasis" TEXT NOT NULL,
    "conditions" TEXT,
    "tlp" TEXT NOT NULL,
    "deadline" TIMESTAMP(3) NOT NULL,
    "analysisId" INTEGER,
    "state" TEXT NOT NULL,
    "closedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "DisclosureRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RequestItem" (
    "requestId" INTEGER NOT NULL,
    "itemId" INTEGER NOT NULL,
    "party" TEXT NOT NULL,

    CONSTRAINT "RequestItem_pkey" PRIMARY KEY ("requestId","itemId")
);

-- CreateTable
CREATE TABLE "ConsentAsk" (
    "id" SERIAL NOT NULL,
    "requestId" INTEGER NOT NULL,
    "party" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "decidedById" TEXT,
    "decidedByName" TEXT,
    "decidedAt" TIMESTAMP(3),
    "reason" TEXT,
    "remindedAt" TIMESTAMP(3),
    "escalatedAt" TIMESTAMP(3),

    CONSTRAINT "ConsentAsk_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Provision" (
    "id" SERIAL NOT NULL,
    "requestId" INTEGER NOT NULL,
    "releasedAt" TIMESTAMP(3) NOT NULL,
    "record" TEXT NOT NULL,

    CONSTRAINT "Provision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" SERIAL NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "platform" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "topic" TEXT,
    "payload" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL,
    "lockedUntil" TIMESTAMP(3),
    "lastError" TEXT,
    "sentRef" TEXT,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DisclosureRequest_state_idx" ON "DisclosureRequest"("state");

-- CreateIndex
CREATE INDEX "DisclosureRequest_requesterId_idx" ON "DisclosureRequest"("requesterId");

-- CreateIndex
CREATE INDEX "ConsentAsk_state_idx" ON "ConsentAsk"("state");

-- CreateIndex
CREATE UNIQUE INDEX "ConsentAsk_requestId_party_key" ON "ConsentAsk"("requestId", "party");

-- CreateIndex
CREATE UNIQUE INDEX "Provision_requestId_key" ON "Provision"("requestId");

-- CreateIndex
CREATE INDEX "OutboxMessage_state_nextAttemptAt_idx" ON "OutboxMessage"("state", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_topic_idx" ON "OutboxMessage"("topic");

-- AddForeignKey
ALTER TABLE "AnalysisItem" ADD CONSTRAINT "AnalysisItem_analysisId_fkey" FOREIGN KEY ("analysisId") REFERENCES "Analysis"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RequestItem" ADD CONSTRAINT "RequestItem_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "DisclosureRequest"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsentAsk" ADD CONSTRAINT "ConsentAsk_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "DisclosureRequest"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

