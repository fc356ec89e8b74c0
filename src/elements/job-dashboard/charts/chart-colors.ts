/**
 * Colours for canvases, which cannot read CSS variables: the theme's `--ac-*` values as
 * computed on the element, read again when the theme changes, and the textures that tell
 * a job's state apart inside a node's bar (colour says the node, texture says the state).
 */
import type { JobState } from '../../../model/index.js';

export interface ChartColors {
  text: string;
  muted: string;
  grid: string;
  surface: string;
  accent: string;
  font: string;
}

let probe: CanvasRenderingContext2D | null | undefined;

/** Any CSS colour as `#rrggbb` (or `rgba(…)`), through a canvas, which normalises what it is given. */
export function normalizeColor(value: string, fallback: string): string {
  probe ??= document.createElement('canvas').getContext('2d');
  if (!probe || !value) return fallback;
  probe.fillStyle = fallback;
  probe.fillStyle = value;
  return String(probe.fillStyle);
}

export function readChartColors(element: Element): ChartColors {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: string) => normalizeColor(style.getPropertyValue(name).trim(), fallback);
  const family = style.getPropertyValue('--ac-font-family').trim() || 'system-ui, sans-serif';
  const size = style.getPropertyValue('--ac-font-size-small').trim() || '12px';
  return {
    text: read('--ac-color-text', '#1b1f24'),
    muted: read('--ac-color-text-muted', '#5b6470'),
    grid: read('--ac-color-border', '#d8dce3'),
    surface: read('--ac-color-surface-raised', '#ffffff'),
    accent: read('--ac-color-accent', '#0b62d6'),
    font: `${size} ${family}`,
  };
}

function rgb(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  return m ? [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16)] : [128, 128, 128];
}

/** `a` blended into `b` (`weight` of `a`), opaque, so stacked segments never show through each other. */
export function mixColors(a: string, b: string, weight: number): string {
  const [ar, ag, ab] = rgb(a);
  const [br, bg, bb] = rgb(b);
  const channel = (x: number, y: number) =>
    Math.round(x * weight + y * (1 - weight))
      .toString(16)
      .padStart(2, '0');
  return `#${channel(ar, br)}${channel(ag, bg)}${channel(ab, bb)}`;
}

/**
 * The fill of one state's segment in a bar of colour `color` on `surface`: solid for
 * successful, stripes for unsuccessful, a lighter tint for running, a pale dotted tint
 * for scheduled. The legend's CSS swatches draw the same four (`.texture-*`).
 */
export class StateTextures {
  private readonly cache = new Map<string, CanvasRenderingContext2D['fillStyle']>();

  constructor(
    private readonly ctx: CanvasRenderingContext2D,
    private surface: string,
  ) {}

  /** Forget every texture (the theme changed). */
  reset(surface: string): void {
    this.surface = surface;
    this.cache.clear();
  }

  fill(color: string, state: JobState): CanvasRenderingContext2D['fillStyle'] {
    const key = `${color}|${state}|${devicePixelRatio}`;
    let fill = this.cache.get(key);
    if (fill === undefined) {
      fill = this.build(color, state);
      this.cache.set(key, fill);
    }
    return fill;
  }

  private build(color: string, state: JobState): CanvasRenderingContext2D['fillStyle'] {
    switch (state) {
      case 'SUCCESSFUL':
        return color;
      case 'RUNNING':
        return mixColors(color, this.surface, 0.55);
      case 'UNSUCCESSFUL':
        return this.pattern(mixColors(color, this.surface, 0.3), (tile, size) => {
          tile.strokeStyle = color;
          tile.lineWidth = size / 3;
          // Two diagonals so the stripes join across tiles.
          for (const offset of [-size, 0, size]) {
            tile.beginPath();
            tile.moveTo(offset, size);
            tile.lineTo(offset + size, 0);
            tile.stroke();
          }
        });
      case 'SCHEDULED':
        return this.pattern(mixColors(color, this.surface, 0.18), (tile, size) => {
          tile.fillStyle = color;
          tile.beginPath();
          tile.arc(size / 2, size / 2, size / 7, 0, 2 * Math.PI);
          tile.fill();
        });
    }
  }

  private pattern(background: string, draw: (tile: CanvasRenderingContext2D, size: number) => void): CanvasRenderingContext2D['fillStyle'] {
    const size = Math.round(7 * devicePixelRatio);
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = size;
    const tile = canvas.getContext('2d');
    if (!tile) return background;
    tile.fillStyle = background;
    tile.fillRect(0, 0, size, size);
    draw(tile, size);
    return this.ctx.createPattern(canvas, 'repeat') ?? background;
  }
}
