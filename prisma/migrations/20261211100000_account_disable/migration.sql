-- Issue 14.7: an admin may disable an account (lib/server/users/account-status.ts). A disabled
-- account cannot sign in (the sign-in hook refuses it) and has no sessions (deleted with the flag,
-- in one transaction); enabling clears the flag. Null: the account is in use.
ALTER TABLE "User" ADD COLUMN "disabledAt" TIMESTAMP(3);
