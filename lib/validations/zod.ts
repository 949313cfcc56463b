import * as z from "zod";
import zhCN from "zod/v4/locales/zh-CN.js";

// Error messages are read by people in Liaoning: zod's built-in messages in Chinese. Every module that
// defines schemas imports this one for its effect, beside its own `import * as z from "zod"`: re-exporting
// zod's namespace from here kept bundlers from leaving out what pages never use, every locale among it.
z.config(zhCN());
// In the browser the pages' Content-Security-Policy forbids eval. Zod probes for it once (`new Function`)
// before compiling a fast object parser, and the browser reports the refused probe as a policy violation;
// jitless skips the probe there. The server keeps the compiled parser (imports validate thousands of rows).
z.config({ jitless: typeof window !== "undefined" });

