import type { SimulationConfig } from '../simulation'
import { TEMPLATE_IDS } from '../templateIds'

/**
 * The session settings of the CACTUS and MAGneT releases, applied in one step by the run form and `simulate
 * --preset seed-session`: open with the seed's two lines, the CACTUS-style client (attitude, end token), the end token
 * counting only after 20 counselor turns, and 21 counselor turns in all (the seed's opening line plus 20 exchanges:
 * the released sessions' 42 messages). No closing phrases: the releases end only by token or limit.
 */
export const SEED_SESSION_PRESET = {
  opening: 'seed',
  endToken: '[/END]',
  minTurns: 20,
  maxTurns: 21,
  termination: { zh: [], en: [] },
  clientTemplateId: TEMPLATE_IDS.clientSeed,
} as const satisfies Partial<Record<keyof SimulationConfig, unknown>> & { clientTemplateId: string }
