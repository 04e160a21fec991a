-- AlterTable
ALTER TABLE "Item" ADD COLUMN "removedAt" DATETIME;

-- CreateTable
CREATE TABLE "ItemRetention" (
    "itemId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "periodStart" DATETIME NOT NULL,
    "reviewId" INTEGER,
    CONSTRAINT "ItemRetention_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RetentionReview" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "party" TEXT NOT NULL,
    "askedAt" DATETIME NOT NULL,
    "deadline" DATETIME NOT NULL,
    "state" TEXT NOT NULL,
    "closedAt" DATETIME,
    "remindedAt" DATETIME,
    "escalatedAt" DATETIME,
    "lockSerial" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "RetentionEntry" (
    "reviewId" INTEGER NOT NULL,
    "itemId" INTEGER NOT NULL,
    "verdict" TEXT,
    "decidedById" TEXT,
    "decidedByName" TEXT,
    "decidedAt" DATETIME,

    PRIMARY KEY ("reviewId", "itemId"),
    CONSTRAINT "RetentionEntry_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "RetentionReview" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ItemRetention_reviewId_idx" ON "ItemRetention"("reviewId");

-- CreateIndex
CREATE INDEX "RetentionReview_state_party_idx" ON "RetentionReview"("state", "party");

-- CreateIndex
CREATE INDEX "RetentionEntry_itemId_idx" ON "RetentionEntry"("itemId");

