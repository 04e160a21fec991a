-- A consent ask's WITHDRAWN meant two things. It is split into one state for each:
--   REVOKED  its own party took its consent back (/ciic revoke)
--   CLOSED   someone else ended the request while the ask was open or approved: another party
--            denied or revoked, the requester withdrew the request, or an item was removed
--
-- Which rows were revoked: /ciic revoke was the only step to WITHDRAWN that recorded who decided
-- (decidedById, the revoking liaison), and the only one that wrote the audit entry
-- consent.withdrawn for the ask (subject "ask:<id>"). Every other step to WITHDRAWN cleared
-- decidedById and wrote no entry for the ask. So a WITHDRAWN ask with a decider, or with such an
-- audit entry (the audit log is the record of what happened, should a row ever disagree), becomes
-- REVOKED, and every other WITHDRAWN ask becomes CLOSED.
--
-- A revoke also stored the reason "consent withdrawn". No person wrote it: it was the bot's name
-- for the state, which the state now carries, so it is cleared on the revoked rows. The audit log
-- is not touched (it only ever grows): its earlier entries keep the action consent.withdrawn.
-- The request state WITHDRAWN (its requester withdrew it) has one meaning and stays.

-- RevokedAsks
UPDATE "ConsentAsk"
SET "state" = 'REVOKED',
    "reason" = CASE WHEN "reason" = 'consent withdrawn' THEN NULL ELSE "reason" END
WHERE "state" = 'WITHDRAWN'
  AND ("decidedById" IS NOT NULL
       OR EXISTS (SELECT 1 FROM "AuditEntry" WHERE "AuditEntry"."action" = 'consent.withdrawn' AND "AuditEntry"."subject" = 'ask:' || "ConsentAsk"."id"));

-- ClosedAsks
UPDATE "ConsentAsk" SET "state" = 'CLOSED' WHERE "state" = 'WITHDRAWN';
