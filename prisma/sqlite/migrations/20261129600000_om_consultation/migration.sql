-- CreateTable
CREATE TABLE "Consultation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "askedById" TEXT NOT NULL,
    "askedByName" TEXT NOT NULL,
    "askedAt" DATETIME NOT NULL,
    "question" TEXT NOT NULL,
    "refs" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "closedById" TEXT,
    "closedAt" DATETIME
);

-- CreateTable
CREATE TABLE "ConsultationNote" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "consultationId" INTEGER NOT NULL,
    "byId" TEXT NOT NULL,
    "byName" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "text" TEXT NOT NULL,
    CONSTRAINT "ConsultationNote_consultationId_fkey" FOREIGN KEY ("consultationId") REFERENCES "Consultation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Consultation_state_idx" ON "Consultation"("state");

-- CreateIndex
CREATE INDEX "ConsultationNote_consultationId_idx" ON "ConsultationNote"("consultationId");

