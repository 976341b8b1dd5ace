/*
 * Entry of a render worker thread (lib/server/render/render-pool.ts starts them with piscina).
 * scripts/build-render-worker.mjs bundles this file and the lib/ code it imports into
 * dist/render-worker.mjs; packages stay external and load from node_modules at run time, so the
 * PDF fonts are still found through require.resolve (lib/render/pdf/fonts.ts).
 */
import { threadId } from "node:worker_threads";
import { move, transferableSymbol, valueSymbol } from "piscina";
import { renderReportFile } from "./render-file";
import type { RenderReply, RenderTask } from "./render-protocol";

/** The bytes as a whole ArrayBuffer that may be transferred (copied only when they share one). */
function ownArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer) return bytes.buffer;
  return bytes.slice().buffer as ArrayBuffer;
}

export default async function render(task: RenderTask) {
  const start = performance.now();
  const outcome = await renderReportFile(task);
  const renderMs = performance.now() - start;
  if (!outcome.ok) return { ...outcome, threadId, renderMs } satisfies RenderReply;
  const { body } = outcome.file;
  if (typeof body === "string") return { ok: true, file: { ...outcome.file, body }, threadId, renderMs } satisfies RenderReply;
  const buffer = ownArrayBuffer(body);
  const reply: RenderReply = { ok: true, file: { ...outcome.file, body: buffer }, threadId, renderMs };
  // piscina transfers what [transferableSymbol] lists instead of cloning it (a PDF is ~1 MB).
  return move({ [transferableSymbol]: [buffer], [valueSymbol]: reply });
}
