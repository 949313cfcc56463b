import "server-only";
import { readBoundedBody } from "@/lib/api/bounded-body";
import { AppError } from "@/lib/errors";

/** multipart/form-data adds a boundary and part headers around the file; this much is allowed on top. */
const FORM_OVERHEAD_BYTES = 64 * 1024;

/**
 * The one file of a multipart/form-data upload (field "file"), refused with 413 before it is parsed when
 * it is larger than `maxBytes`.
 */
export async function readUploadedFile(request: Request, maxBytes: number): Promise<{ name: string; bytes: Uint8Array }> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(contentType)) {
    throw new AppError("validation_failed", "请以 multipart/form-data 上传文件（字段名 file）", [{ path: "file", message: "缺少文件" }]);
  }
  const body = await readBoundedBody(request, maxBytes + FORM_OVERHEAD_BYTES, () => tooLarge(maxBytes));
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(body), { headers: { "content-type": contentType } }).formData();
  } catch {
    throw new AppError("validation_failed", "上传的内容无法读取", [{ path: "file", message: "multipart/form-data 格式错误" }]);
  }
  const files = form.getAll("file");
  const file = files[0];
  if (files.length !== 1 || !(file instanceof File)) {
    throw new AppError("validation_failed", "请上传一个文件（字段名 file）", [{ path: "file", message: "缺少文件" }]);
  }
  if (file.size > maxBytes) throw tooLarge(maxBytes);
  if (file.size === 0) throw new AppError("validation_failed", "文件是空的", [{ path: "file", message: "文件是空的" }]);
  return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}

function tooLarge(maxBytes: number): AppError {
  return new AppError("payload_too_large", `文件过大，最大 ${maxBytes / 1024 / 1024} MB`, [{ path: "file", message: "文件过大" }]);
}
