-- Sign-in attempts per user name, counted atomically (INSERT … ON CONFLICT DO UPDATE … WHERE)
-- so parallel attempts cannot pass the limit and every app instance on this database shares it.
CREATE TABLE "LoginThrottle" (
    "key" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL,
    "lastAttempt" BIGINT NOT NULL,
    CONSTRAINT "LoginThrottle_pkey" PRIMARY KEY ("key")
);
CREATE INDEX "LoginThrottle_lastAttempt_idx" ON "LoginThrottle"("lastAttempt");

-- The per-user counters used to live in better-auth's rate-limit table, which prunes them.
DELETE FROM "RateLimit" WHERE "key" LIKE 'login-failures:%';
