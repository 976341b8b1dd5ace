import "server-only";
import { getAuth } from "./auth/auth";
import { getDatabase } from "./db";
import { startJobWorkers } from "./jobs/runtime";
import { describeDemoAccounts, seedDemoData } from "./seed/seed-demo";

/** Opens and migrates the database, seeds demo data when empty, and says where everything is. */
export async function prepareServer() {
  try {
    const db = await getDatabase();
    const auth = await getAuth();
    const seeded = await seedDemoData(db.prisma, auth);
    const where = db.kind === "pglite" ? `嵌入式数据库 PGlite（${db.location}）` : `PostgreSQL（${db.location}）`;
    console.log(`[gov-report] 数据库就绪：${where}${seeded.length ? "，已写入演示数据" : ""}`);
    if (process.env.GOV_REPORT_HIDE_DEMO_ACCOUNTS !== "1") console.log(`[gov-report] ${describeDemoAccounts()}`);
    // Background jobs (bulk export) left queued or interrupted resume with the server.
    void startJobWorkers(db).catch((error: unknown) => console.warn(`[gov-report] 后台任务未能启动：${(error as Error).message}`));
  } catch (error) {
    console.error(`[gov-report] 无法打开数据库：${(error as Error).message}`);
    process.exit(1);
  }
}
