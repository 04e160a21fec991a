-- CreateTable
CREATE TABLE "TaxiiKey" (
    "id" SERIAL NOT NULL,
    "recipientId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "createdBy" TEXT NOT NULL,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "TaxiiKey_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "TaxiiKey_keyHash_key" ON "TaxiiKey"("keyHash");

-- CreateIndex
CREATE INDEX "TaxiiKey_recipientId_idx" ON "TaxiiKey"("recipientId");
