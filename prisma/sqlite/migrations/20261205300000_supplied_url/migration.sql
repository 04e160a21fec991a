-- AlterTable: a URL as supplied, beside its normal form (see prisma/sqlite/schema.prisma).
ALTER TABLE "Item" ADD COLUMN "supplied" TEXT;
