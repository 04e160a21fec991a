-- The Art 7.2 guard finds a stored e-mail address written in another letter case ("JDoe@x" as
-- "jdoe@x"): the local part is stored as typed, so the guard compares lower(value), which this
-- partial index serves. Prisma's schema cannot state an index on an expression; it lives here.
CREATE INDEX IF NOT EXISTS "Item_email_lower_idx" ON "Item" (lower("value")) WHERE "type" = 'email';
