import { z } from "zod";

// Error messages are read by people in Liaoning: zod's built-in messages in Chinese, for every schema
// that imports `z` from here.
z.config(z.locales.zhCN());

export { z };
