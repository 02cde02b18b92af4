/**
 * The map classes on the wall's dark background: the same blue / orange / vermillion as the
 * dashboard (lib/color-scale.ts), with the blue darkened so 168 tiles do not make a bright block.
 * Mirrored in wall.css for the tiles.
 */
import { LEVEL_FILL, type Level } from '../../lib/color-scale';

export const WALL_LEVEL_FILL: Record<Level, string> = {
  good: '#2E6A9E', // white text 5.7:1
  warn: LEVEL_FILL.warn,
  bad: LEVEL_FILL.bad,
  none: '#1C2840',
};
