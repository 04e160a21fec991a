-- AlterTable
ALTER TABLE "Item" ADD COLUMN     "removedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "ItemRetention" (
    "itemId" INTEGER NOT NULL,
    "periodStart" TIMESTAMP(3) NOT NULL,
    "reviewId" INTEGER,

    CONSTRAINT "ItemRetention_pkey" PRIMARY KEY ("itemId")
);

-- CreateTable
CREATE TABLE "RetentionReview" (
    "id" SERIAL NOT NULL,
    "party" TEXT NOT NULL,
    "askedAt" TIMESTAMP(3) NOT NULL,
    "deadline" TIMESTAMP(3) NOT NULL,
    "state" TEXT NOT NULL,
    "closedAt" TIMESTAMP(3),
    "remindedAt" TIMESTAMP(3),
    "escalatedAt" TIMESTAMP(3),
    "lockSerial" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "RetentionReview_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RetentionEntry" (
    "reviewId" INTEGER NOT NULL,
    "itemId" INTEGER NOT NULL,
    "verdict" TEXT,
    "decidedById" TEXT,
    "decidedByName" TEXT,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "RetentionEntry_pkey" PRIMARY KEY ("reviewId","itemId")
);

-- CreateIndex
CREATE INDEX "ItemRetention_reviewId_idx" ON "ItemRetention"("reviewId");

-- CreateIndex
CREATE INDEX "RetentionReview_state_party_idx" ON "RetentionReview"("state", "party");

-- CreateIndex
CREATE INDEX "RetentionEntry_itemId_idx" ON "RetentionEntry"("itemId");

-- AddForeignKey
ALTER TABLE "ItemRetention" ADD CONSTRAINT "ItemRetention_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RetentionEntry" ADD CONSTRAINT "RetentionEntry_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "RetentionReview"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

