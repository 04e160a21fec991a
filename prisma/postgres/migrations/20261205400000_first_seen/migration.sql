-- AlterTable: when its source first saw an imported item (see prisma/sqlite/schema.prisma).
ALTER TABLE "Item" ADD COLUMN "firstSeen" TIMESTAMP(3);
