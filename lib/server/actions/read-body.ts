import "server-only";
import type { AppError } from "../errors";

/**
 * Reads at most `max` bytes of a request body, whatever Content-Length claims; one byte more
 * stops reading and throws `tooLarge()`. Shared by the JSON routes and the upload routes.
 */
export async function readBody(request: Request, max: number, tooLarge: () => AppError): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > max) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  return Buffer.concat(chunks);
}
