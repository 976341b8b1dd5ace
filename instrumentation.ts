/**
 * Runs once when the Next.js server starts: opens the database (applying migrations), seeds the
 * demo data into an empty database and prints the demo accounts.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { prepareServer } = await import("./lib/server/prepare-server");
  await prepareServer();
}
