import { env } from "@/lib/env";
import { ServiceWorkerRegistrar } from "@/components/pwa/service-worker-registrar";

/**
 * The worker only in production: under `next dev` it would serve yesterday's chunks from its cache. The
 * check is here, on the server, because only lib/env.ts reads the environment and the client cannot.
 */
export function ServiceWorkerRegistration() {
  return env.NODE_ENV === "production" ? <ServiceWorkerRegistrar /> : null;
}
