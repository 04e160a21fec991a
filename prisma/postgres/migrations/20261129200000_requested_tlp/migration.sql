-- AlterTable
ALTER TABLE "DisclosureRequest" ADD COLUMN     "tlpRequested" TEXT;

