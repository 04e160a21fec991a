-- CreateTable
CREATE TABLE "SteeringMeeting" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "date" TEXT NOT NULL,
    "note" TEXT,
    "recordedById" TEXT NOT NULL,
    "recordedByName" TEXT NOT NULL,
    "recordedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "SteeringReminder" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "sentAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "SteeringMeeting_date_key" ON "SteeringMeeting"("date");

