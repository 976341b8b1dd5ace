import { usernameClient } from "better-auth/client/plugins";
// The vanilla client, not better-auth/react: the pages only call signIn/signOut and need no
// session hooks, and lib/ stays free of React (enforced by ESLint).
import { createAuthClient } from "better-auth/client";

/** The browser's better-auth client: same origin, username sign-in. */
export const authClient = createAuthClient({ plugins: [usernameClient()] });
