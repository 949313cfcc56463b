import { getAuth, handleAuthRequest } from "@/lib/auth";

// better-auth answers every /api/auth/* path itself (sign-in, sign-out, session…). This folder is more
// specific than app/api/[...path], the JSON 404 for unknown API paths, so Next routes these here.
// The handler is resolved per request because getAuth() needs the database, which `next build` lacks.
export async function GET(request: Request): Promise<Response> {
  return handleAuthRequest(getAuth(), request);
}

export async function POST(request: Request): Promise<Response> {
  return handleAuthRequest(getAuth(), request);
}
