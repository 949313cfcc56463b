"use client";

import { usernameClient } from "better-auth/client/plugins";
import { createAuthClient } from "better-auth/react";

// No baseURL: the browser calls /api/auth on the origin that served the page, so the same build works
// on localhost, behind the bank's proxy and on any host name.
export const authClient = createAuthClient({ plugins: [usernameClient()] });
