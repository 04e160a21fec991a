-- CreateTable
CREATE TABLE "Analysis" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "authorName" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "AnalysisItem" (
    "analysisId" INTEGER NOT NULL,
    "itemId" INTEGER NOT NULL,

    PRIMARY KEY ("analysisId", "itemId"),
    CONSTRAINT "AnalysisItem_analysisId_fkey" FOREIGN KEY ("analysisId") REFERENCES "Analysis" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DisclosureRequest" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "requesterId" TEXT NOT NULL,
    "requesterName" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "recipientId" TEXT NOT NULL,
    "recipientName" TEXT NOT NULL,
    "recipientKind" TEXT NOT NULL,
    "viaParty" TEXT,
    "deliverTo" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "legalBasis" TEXT NOT NULL,
    "conditions" TEXT,
    "tlp" TEXT NOT NULL,
    "deadline" DATETIME NOT NULL,
    "analysisId" INTEGER,
    "state" TEXT NOT NULL,
    "closedAt" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "RequestItem" (
    "requestId" INTEGER NOT NULL,
    "itemId" INTEGER NOT NULL,
    "party" TEXT NOT NULL,

    PRIMARY KEY ("requestId", "itemId"),
    CONSTRAINT "RequestItem_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "DisclosureRequest" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ConsentAsk" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "requestId" INTEGER NOT NULL,
    "party" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "decidedById" TEXT,
    "decidedByName" TEXT,
    "decidedAt" DATETIME,
    "reason" TEXT,
    "remindedAt" DATETIME,
    "escalatedAt" DATETIME,
    CONSTRAINT "ConsentAsk_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "DisclosureRequest" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Provision" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "requestId" INTEGER NOT NULL,
    "releasedAt" DATETIME NOT NULL,
    "record" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "createdAt" DATETIME NOT NULL,
    "platform" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "topic" TEXT,
    "payload" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL,
    "lockedUntil" DATETIME,
    "lastError" TEXT,
    "sentRef" TEXT,
    "sentAt" DATETIME
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

