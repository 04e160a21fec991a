-- CreateTable
CREATE TABLE "Item" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "type" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "party" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "memberName" TEXT NOT NULL,
    "submittedAt" DATETIME NOT NULL,
    "legalBasis" TEXT NOT NULL,
    "reliability" TEXT NOT NULL,
    "tlp" TEXT NOT NULL,
    "sourceRef" TEXT,
    "note" TEXT,
    "via" TEXT NOT NULL,
    "supersedesId" INTEGER,
    CONSTRAINT "Item_supersedesId_fkey" FOREIGN KEY ("supersedesId") REFERENCES "Item" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ItemHead" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "itemId" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL,
    "actor" TEXT,
    "action" TEXT NOT NULL,
    "subject" TEXT,
    "details" TEXT NOT NULL,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "AuditHead" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "seq" INTEGER NOT NULL,
    "hash" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "DirectoryVersion" (
    "version" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "loadedAt" DATETIME NOT NULL,
    "sha256" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "content" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "CommandReceipt" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "at" DATETIME NOT NULL,
    "response" TEXT NOT NULL
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


-- The audit chain starts empty: its head is entry 0 with the genesis hash (src/core/audit/chain.ts).
INSERT INTO "AuditHead" ("id", "seq", "hash") VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
