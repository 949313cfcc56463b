import { describe, expect, it } from "vitest";
import { classOf, quantileBreaks } from "@/lib/dashboard/class-breaks";

describe("quantileBreaks", () => {
  it("splits ten values into five classes of two", () => {
    const breaks = quantileBreaks([10, 1, 9, 2, 8, 3, 7, 4, 6, 5]);
    expect(breaks.bounds).toEqual([1, 3, 5, 7, 9, 10]);
    expect(breaks.counts).toEqual([2, 2, 2, 2, 2]);
  });

  it("puts the maximum in the last class and values on a bound in the class above it", () => {
    const breaks = quantileBreaks([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(classOf(10, breaks)).toBe(4);
    expect(classOf(9, breaks)).toBe(4);
    expect(classOf(8.99, breaks)).toBe(3);
    expect(classOf(1, breaks)).toBe(0);
    expect(classOf(3, breaks)).toBe(1);
  });

  it("ignores missing values and draws them as no data", () => {
    const breaks = quantileBreaks([null, 4, null, 2]);
    expect(breaks.counts.reduce((a, b) => a + b, 0)).toBe(2);
    expect(classOf(null, breaks)).toBeNull();
  });

  it("merges classes when values repeat", () => {
    const breaks = quantileBreaks([0, 0, 0, 0, 0, 0, 0, 1, 1, 1]);
    expect(breaks.bounds).toEqual([0, 1, 1]);
    expect(breaks.counts).toEqual([7, 3]);
    expect(classOf(0, breaks)).toBe(0);
    expect(classOf(1, breaks)).toBe(1);
  });

  it("gives one class to a single value, and none to no values", () => {
    expect(quantileBreaks([0.5, 0.5, 0.5])).toEqual({ bounds: [0.5, 0.5], counts: [3] });
    expect(classOf(0.5, quantileBreaks([0.5]))).toBe(0);
    expect(quantileBreaks([null])).toEqual({ bounds: [], counts: [] });
    expect(classOf(3, quantileBreaks([]))).toBeNull();
  });
});
