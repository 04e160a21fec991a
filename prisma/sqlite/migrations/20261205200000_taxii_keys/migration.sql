-- CreateTable
CREATE TABLE "TaxiiKey" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "recipientId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "createdBy" TEXT NOT NULL,
    "revokedAt" DATETIME
);

-- CreateIndex
CREATE UNIQUE INDEX "TaxiiKey_keyHash_key" ON "TaxiiKey"("keyHash");

-- CreateIndex
CREATE INDEX "TaxiiKey_recipientId_idx" ON "TaxiiKey"("recipientId");
