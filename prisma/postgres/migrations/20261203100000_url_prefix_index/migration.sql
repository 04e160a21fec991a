-- The Art 7.2 guard looks for stored URLs that begin with "https://<host>" (any path, port or
-- query after it). The (type, value) index follows the database's collation, which may not order
-- by bytes; text_pattern_ops does, so a prefix range (~>=~, ~<~) is an index search.
CREATE INDEX IF NOT EXISTS "Item_url_value_pattern_idx" ON "Item" ("value" text_pattern_ops) WHERE "type" = 'url';
