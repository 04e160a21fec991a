-- CreateTable
CREATE TABLE "Round" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "text" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "authorName" TEXT NOT NULL,
    "authorParty" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "deadline" DATETIME NOT NULL,
    "nctvCoordinates" BOOLEAN,
    "closedAt" DATETIME,
    "lockSerial" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "RoundAsk" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "roundId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "party" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "askedAt" DATETIME NOT NULL,
    "decidedById" TEXT,
    "decidedByName" TEXT,
    "decidedAt" DATETIME,
    "note" TEXT,
    "remindedAt" DATETIME,
    "escalatedAt" DATETIME,
    CONSTRAINT "RoundAsk_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Round_state_idx" ON "Round"("state");

-- CreateIndex
CREATE INDEX "Round_authorId_idx" ON "Round"("authorId");

-- CreateIndex
CREATE INDEX "RoundAsk_state_idx" ON "RoundAsk"("state");

-- CreateIndex
CREATE UNIQUE INDEX "RoundAsk_roundId_version_party_role_key" ON "RoundAsk"("roundId", "version", "party", "role");

