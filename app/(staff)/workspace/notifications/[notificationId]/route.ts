import { z } from "zod";
import { defineRoute, ZRouteId } from "@/lib/server/actions/define-route";
import { openNotification } from "@/lib/server/notifications/inbox";

export const runtime = "nodejs";

/**
 * Opening a notification from the inbox (a plain link, never prefetched): marks it read and sends
 * the user where it leads (303). Another user's notification leads back to the inbox, unchanged.
 */
export const GET = defineRoute({
  params: z.object({ notificationId: ZRouteId }),
  permission: "self",
  run: async ({ prisma, user, params: { notificationId }, request }) => {
    const target = await openNotification(prisma, user, notificationId);
    return Response.redirect(new URL(target, request.url), 303);
  },
});
