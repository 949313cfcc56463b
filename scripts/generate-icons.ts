/**
 * Writes the app icons: public/icons/icon.svg, icon-192.png, icon-512.png, icon-maskable-512.png, and the
 * copies Next serves by file convention (app/icon.svg, app/apple-icon.png). The SVGs below are the source;
 * the PNGs are rendered from them by Chromium. The glyph is paths only: text would render with whatever
 * fonts the machine has, so the PNGs would differ between machines.
 *
 *   npx tsx scripts/generate-icons.ts
 */
import { mkdir, writeFile } from "node:fs/promises";
import { chromium } from "@playwright/test";
import { env } from "@/lib/env";

const ICBC_RED = "#c7000b";

/** A house under a roof, with a heart: the "爱心驿站" rest stop. Drawn on a 100 × 100 grid centred on (50, 47). */
const glyph = `
  <path d="M10 48 L50 13 L90 48" fill="none" stroke="#fff" stroke-width="9" stroke-linecap="round" stroke-linejoin="round"/>
  <path d="M24 50 L50 28 L76 50 V82 Q76 86 72 86 H28 Q24 86 24 82 Z" fill="#fff"/>
  <path d="M50 77 C40 70 36 65 36 60 C36 56 39 53 43 53 C46 53 48 55 50 57 C52 55 54 53 57 53 C61 53 64 56 64 60 C64 65 60 70 50 77 Z" fill="${ICBC_RED}"/>`;

function iconSvg({ maskable }: { maskable: boolean }): string {
  // A maskable icon is cropped by the launcher to any shape inside the central circle of 80 % diameter:
  // full-bleed background, and the glyph kept well inside that circle.
  const background = maskable ? `<rect width="512" height="512" fill="${ICBC_RED}"/>` : `<rect width="512" height="512" rx="112" fill="${ICBC_RED}"/>`;
  const scale = maskable ? 3.1 : 3.6;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">${background}<g transform="translate(256 256) scale(${scale}) translate(-50 -47)">${glyph}</g></svg>\n`;
}

const outputs: { file: string; size: number; maskable: boolean }[] = [
  { file: "public/icons/icon-192.png", size: 192, maskable: false },
  { file: "public/icons/icon-512.png", size: 512, maskable: false },
  { file: "public/icons/icon-maskable-512.png", size: 512, maskable: true },
  // iOS rounds the corners itself and shows transparency as black, so the touch icon is full-bleed.
  { file: "app/apple-icon.png", size: 180, maskable: true },
];

async function main() {
  await mkdir("public/icons", { recursive: true });
  const svg = iconSvg({ maskable: false });
  await writeFile("public/icons/icon.svg", svg);
  await writeFile("app/icon.svg", svg);

  const browser = await chromium.launch({
    executablePath: env.CHROMIUM_PATH,
    args: ["--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    for (const { file, size, maskable } of outputs) {
      await page.setViewportSize({ width: size, height: size });
      await page.setContent(
        `<!doctype html><style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${iconSvg({ maskable })}`,
      );
      await page.locator("svg").screenshot({ path: file, omitBackground: true, animations: "disabled" });
      console.log(`wrote ${file}`);
    }
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
