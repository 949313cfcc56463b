import "server-only";
import * as echarts from "echarts";

/**
 * CJK faces first: the SVG is drawn by the reader's browser with the reader's fonts. Single quotes, since
 * ECharts writes the list into a double-quoted style attribute without escaping it.
 */
export const CHART_FONT = "'Noto Sans CJK SC', 'WenQuanYi Micro Hei', 'PingFang SC', 'Microsoft YaHei', sans-serif";
const INK = "#1f2328";
const MUTED = "#4f5660";
const GRID_LINE = "#e3e6ea";
/** Distinguishable, colour-blind-safe hues (Okabe–Ito), one per kind of record. */
export const SERIES_COLORS = ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#999999"];

/**
 * An ECharts option drawn to an SVG string on the server: no canvas, no DOM, no script in the page.
 * Animation is off, since nothing would run it and the SSR string would otherwise carry CSS keyframes.
 * ECharts still writes a `<style>` of hover effects (a pointer cursor and a highlight on bars that cannot
 * be clicked); it is removed: the page's Content-Security-Policy admits only `<style>` elements carrying
 * the response's nonce, and a chart re-rendered by a client-side refresh could not carry the page's.
 */
function renderSvg(option: echarts.EChartsCoreOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: CHART_FONT, color: INK }, ...option });
    return chart.renderToSVGString().replace(/<style\b[^>]*>[\s\S]*?<\/style>/g, "");
  } finally {
    chart.dispose();
  }
}

/** Drawn twice, for a phone's width and a desk's, so the labels stay their size; CSS shows one. */
export type ChartWidth = 340 | 640;

/** Stacked bars: recorded changes per week, one colour per kind of record. */
export function renderActivityChart(input: { weeks: string[]; series: { name: string; data: number[] }[] }, width: ChartWidth): string {
  return renderSvg(
    {
      color: SERIES_COLORS,
      legend: { top: 0, left: 0, itemWidth: 12, itemHeight: 12, textStyle: { fontFamily: CHART_FONT, color: INK, fontSize: 13 } },
      grid: { left: 8, right: 12, top: 56, bottom: 8, containLabel: true },
      xAxis: {
        type: "category",
        data: input.weeks.map((w) => `${Number(w.slice(5, 7))}/${Number(w.slice(8, 10))}`),
        axisLabel: { color: MUTED, fontFamily: CHART_FONT, interval: width < 640 ? 6 : 3 },
        axisTick: { alignWithLabel: true },
      },
      yAxis: { type: "value", minInterval: 1, axisLabel: { color: MUTED, fontFamily: CHART_FONT }, splitLine: { lineStyle: { color: GRID_LINE } } },
      series: input.series.map((s) => ({ name: s.name, type: "bar", stack: "changes", data: s.data, barMaxWidth: 18 })),
    },
    width,
    width < 640 ? 280 : 300,
  );
}

/** Horizontal bars: the share of stations offering each amenity, most common first as given. */
export function renderAmenityChart(input: { amenities: { name: string; share: number }[] }, width: ChartWidth): string {
  const rows = [...input.amenities].reverse();
  return renderSvg(
    {
      grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: "value", max: 100, axisLabel: { color: MUTED, fontFamily: CHART_FONT, formatter: "{value}%" }, splitLine: { lineStyle: { color: GRID_LINE } } },
      yAxis: { type: "category", data: rows.map((a) => a.name), axisLabel: { color: INK, fontFamily: CHART_FONT, fontSize: 13 }, axisTick: { show: false } },
      series: [
        {
          type: "bar",
          data: rows.map((a) => Math.round(a.share * 1000) / 10),
          itemStyle: { color: "#3182bd" },
          barMaxWidth: 16,
          label: { show: true, position: "right", formatter: "{c}%", color: INK, fontFamily: CHART_FONT },
        },
      ],
    },
    width,
    Math.max(160, 28 * rows.length + 40),
  );
}
