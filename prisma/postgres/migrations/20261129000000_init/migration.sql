-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Item" (
    "id" SERIAL NOT NULL,
    "type" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "party" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "memberName" TEXT NOT NULL,
    "submittedAt" TIMESTAMP(3) NOT NULL,
    "legalBasis" TEXT NOT NULL,
    "reliability" TEXT NOT NULL,
    "tlp" TEXT NOT NULL,
    "sourceRef" TEXT,
    "note" TEXT,
    "via" TEXT NOT NULL,
    "supersedesId" INTEGER,

    CONSTRAINT "Item_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ItemHead" (
    "key" TEXT NOT NULL,
    "itemId" INTEGER NOT NULL,

    CONSTRAINT "ItemHead_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "seq" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "actor" TEXT,
    "action" TEXT NOT NULL,
    "subject" TEXT,
    "details" TEXT NOT NULL,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditEntry_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "AuditHead" (
    "id" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditHead_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DirectoryVersion" (
    "version" SERIAL NOT NULL,
    "loadedAt" TIMESTAMP(3) NOT NULL,
    "sha256" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "content" TEXT NOT NULL,

    CONSTRAINT "DirectoryVersion_pkey" PRIMARY KEY ("version")
);

-- CreateTable
CREATE TABLE "CommandReceipt" (
    "key" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "response" TEXT NOT NULL,

    CONSTRAINT "CommandReceipt_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "Item_supersedesId_key" ON "Item"("supersedesId");

-- CreateIndex
CREATE INDEX "Item_type_value_idx" ON "Item"("type", "value");

-- CreateIndex
CREATE INDEX "Item_party_idx" ON "Item"("party");

-- CreateIndex
CREATE UNIQUE INDEX "ItemHead_itemId_key" ON "ItemHead"("itemId");

-- CreateIndex
CREATE INDEX "AuditEntry_action_idx" ON "AuditEntry"("action");

-- AddForeignKey
ALTER TABLE "Item" ADD CONSTRAINT "Item_supersedesId_fkey" FOREIGN KEY ("supersedesId") REFERENCES "Item"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- The audit chain starts empty: its head is entry 0 with the genesis hash (src/core/audit/chain.ts).
INSERT INTO "AuditHead" ("id", "seq", "hash") VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
