-- CreateTable
CREATE TABLE "SteeringMeeting" (
    "id" SERIAL NOT NULL,
    "date" TEXT NOT NULL,
    "note" TEXT,
    "recordedById" TEXT NOT NULL,
    "recordedByName" TEXT NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SteeringMeeting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SteeringReminder" (
    "key" TEXT NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SteeringReminder_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "SteeringMeeting_date_key" ON "SteeringMeeting"("date");

