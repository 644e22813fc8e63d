/**
 * One print-friendly style for every figure, on screen and exported: white
 * background, dark text, readable sizes, fonts with CJK coverage, and the
 * Okabe–Ito palette (safe for the common colour-vision deficiencies).
 */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00'] as const
export const FIGURE_FONT = "'Helvetica Neue', Arial, 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif"
/** Figures have a fixed size, so an export looks the same on every screen. */
export const FIGURE_WIDTH = 720
export const INK = '#1a1a1a'
export const AXIS = '#4d4d4d'
export const GRID = '#e6e6e6'
export const TICK = { fontSize: 12, fill: INK, fontFamily: FIGURE_FONT } as const
export const AXIS_LABEL = { fontSize: 12, fill: INK, fontFamily: FIGURE_FONT } as const
/** 300 dpi from 96 CSS px per inch. */
export const PNG_SCALE = 300 / 96
export const PNG_DPI = 300
