import { z } from "zod";

// Error messages are read by people in Liaoning: zod's built-in messages in Chinese, for every schema
// that imports `z` from here.
z.config(z.locales.zhCN());
// In the browser the pages' Content-Security-Policy forbids eval. Zod probes for it once (`new Function`)
// before compiling a fast object parser, and the browser reports the refused probe as a policy violation;
// jitless skips the probe there. The server keeps the compiled parser (imports validate thousands of rows).
z.config({ jitless: typeof window !== "undefined" });

export { z };
