-- CreateTable
CREATE TABLE "Round" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "text" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "authorName" TEXT NOT NULL,
    "authorParty" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "deadline" TIMESTAMP(3) NOT NULL,
    "nctvCoordinates" BOOLEAN,
    "closedAt" TIMESTAMP(3),
    "lockSerial" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Round_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RoundAsk" (
    "id" SERIAL NOT NULL,
    "roundId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "party" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "askedAt" TIMESTAMP(3) NOT NULL,
    "decidedById" TEXT,
    "decidedByName" TEXT,
    "decidedAt" TIMESTAMP(3),
    "note" TEXT,
    "remindedAt" TIMESTAMP(3),
    "escalatedAt" TIMESTAMP(3),

    CONSTRAINT "RoundAsk_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Round_state_idx" ON "Round"("state");

-- CreateIndex
CREATE INDEX "Round_authorId_idx" ON "Round"("authorId");

-- CreateIndex
CREATE INDEX "RoundAsk_state_idx" ON "RoundAsk"("state");

-- CreateIndex
CREATE UNIQUE INDEX "RoundAsk_roundId_version_party_role_key" ON "RoundAsk"("roundId", "version", "party", "role");

-- AddForeignKey
ALTER TABLE "RoundAsk" ADD CONSTRAINT "RoundAsk_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

