import { describe, expect, it } from "vitest";
import { renderActivityChart, renderAmenityChart } from "@/lib/dashboard/render-charts";

/** Every text element's style attribute must be well-formed: a stray double quote would end it early. */
const styles = (svg: string) => [...svg.matchAll(/<text[^>]*\sstyle="([^"]*)"/g)].map((m) => m[1]);

describe("server-rendered charts", () => {
  it("draws stacked weekly bars with the kinds' Chinese names and week labels", () => {
    const svg = renderActivityChart({ weeks: ["2026-06-01", "2026-06-08", "2026-06-15"], series: [{ name: "驿站信息", data: [1, 0, 2] }, { name: "设施", data: [0, 3, 1] }] }, 640);
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain('viewBox="0 0 640 300"');
    expect(svg).toContain(">驿站信息<");
    expect(svg).toContain(">6/1<");
    expect(svg).not.toContain("@keyframes");
    expect(styles(svg).length).toBeGreaterThan(3);
    for (const style of styles(svg)) expect(style).toContain("font-family:'Noto Sans CJK SC'");
  });

  it("draws one bar per amenity with its share as a label, at the phone's width too", () => {
    const svg = renderAmenityChart({ amenities: [{ name: "饮用水", share: 1 }, { name: "卫生间", share: 0.5876 }] }, 340);
    expect(svg).toContain('width="340"');
    expect(svg).toContain(">饮用水<");
    expect(svg).toContain(">58.8%<");
  });

  it("carries no <style> element, which the pages' Content-Security-Policy would refuse without a nonce", () => {
    const activity = renderActivityChart({ weeks: ["2026-06-01", "2026-06-08"], series: [{ name: "驿站信息", data: [1, 2] }] }, 340);
    const amenities = renderAmenityChart({ amenities: [{ name: "饮用水", share: 1 }] }, 640);
    for (const svg of [activity, amenities]) {
      expect(svg).not.toMatch(/<style\b/);
      expect(svg.endsWith("</svg>")).toBe(true);
    }
  });
});
