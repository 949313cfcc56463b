import "server-only";
import { readBoundedBody } from "@/lib/api/bounded-body";
import { AppError } from "@/lib/errors";

/**
 * A request body parsed as JSON within a size bound. Everything a client can get wrong here (another
 * content type, broken JSON: 400; a body too large: 413) answers with a Chinese message instead of a 500.
 */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(contentType)) {
    throw new AppError("validation_failed", "请求内容须为 JSON（Content-Type: application/json）", [
      { path: "", message: `不支持的内容类型：${contentType.slice(0, 100) || "（无）"}` },
    ]);
  }
  const text = new TextDecoder().decode(await readBoundedBody(request, maxBytes, () => tooLarge(maxBytes)));
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("validation_failed", "请求内容不是有效的 JSON", [{ path: "", message: "JSON 格式错误" }]);
  }
}

function tooLarge(maxBytes: number): AppError {
  return new AppError("payload_too_large", `请求内容过大，最多 ${Math.floor(maxBytes / 1024)} KB`, [
    { path: "", message: "请求内容过大" },
  ]);
}
