import { expect, test } from "@playwright/test";

// The same contract as tests/api, once more through the built server's real HTTP stack.
test("the API answers JSON over HTTP, nearest first, and errors in the documented shape", async ({ request }) => {
  const near = await request.get("/api/v1/stations?near=41.8,123.43&limit=5");
  expect(near.status()).toBe(200);
  const body = await near.json();
  expect(body.data).toHaveLength(5);
  expect(body.data[0].distanceMeters).toBeLessThanOrEqual(body.data[4].distanceMeters);

  const bad = await request.get("/api/v1/stations?bbox=124,42,123,41");
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.code).toBe("validation_failed");

  const missing = await request.get("/api/v1/stations/00000000-0000-4000-8000-000000000000");
  expect(missing.status()).toBe(404);

  const openapi = await request.get("/api/v1/openapi.json");
  expect((await openapi.json()).openapi).toBe("3.1.0");
});
