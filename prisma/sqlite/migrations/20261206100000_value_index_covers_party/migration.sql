-- Comparing values (Art 6.1: who holds this indicator, what is related to it) reads the party and
-- whether the item was removed for every value it probes. With both in the value index those
-- look-ups never visit the table's rows: a second-party import of 500,000 values among 500,000
-- spent two thirds of its look-up time fetching rows from the table (the related-mix bench).
CREATE INDEX "Item_type_value_party_removedAt_idx" ON "Item"("type", "value", "party", "removedAt");
DROP INDEX "Item_type_value_idx";
