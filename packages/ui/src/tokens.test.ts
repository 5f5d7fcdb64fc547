import { describe, expect, it } from "vitest";
import tokensCss from "./tokens.css?raw";

const tokens = new Map([...tokensCss.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})\s*;/gi)].map((m) => [m[1]!, m[2]!]));

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** WCAG 2.1 contrast ratio of two sRGB colours. */
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

const color = (name: string) => {
  const v = tokens.get(name);
  if (!v) throw new Error(`token --${name} missing`);
  return v;
};

// [foreground, background, minimum ratio]: 4.5 for text (AA), 3 for UI parts (1.4.11).
const PAIRS: [string, string, number][] = [
  ["color-text", "color-bg", 4.5],
  ["color-text", "color-surface", 4.5],
  ["color-text", "color-surface-sunken", 4.5],
  ["color-text-muted", "color-surface", 4.5],
  ["color-text-muted", "color-bg", 4.5],
  ["color-text-muted", "color-surface-sunken", 4.5],
  ["color-primary", "color-surface", 4.5],
  ["color-primary", "color-bg", 4.5],
  ["color-primary", "color-primary-soft", 4.5],
  ["color-on-primary", "color-primary", 4.5],
  ["color-on-primary", "color-primary-hover", 4.5],
  ["color-on-primary", "color-danger", 4.5],
  ["color-on-header", "color-header", 4.5],
  ["color-on-header-muted", "color-header", 4.5],
  ["color-info", "color-info-soft", 4.5],
  ["color-success", "color-success-soft", 4.5],
  ["color-warning", "color-warning-soft", 4.5],
  ["color-danger", "color-danger-soft", 4.5],
  ["color-danger", "color-surface", 4.5],
  ["color-neutral", "color-neutral-soft", 4.5],
  ["color-border-strong", "color-surface", 3],
  ["color-focus", "color-surface", 3],
  ["color-focus", "color-bg", 3],
];

describe("design tokens", () => {
  it.each(PAIRS)("%s on %s reaches %d:1", (fg, bg, min) => {
    expect(contrast(color(fg), color(bg))).toBeGreaterThanOrEqual(min);
  });

  it("lists Chinese fonts in the font stack", () => {
    expect(tokensCss).toMatch(/--font-sans:[^;]*"PingFang SC"[^;]*"Microsoft YaHei"[^;]*"Noto Sans CJK SC"/);
  });
});
