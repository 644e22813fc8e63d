import type { CactusSettings } from '@shared/counselors/cactus'
import type { CounselorEngine } from '../engine'

export const cactusEngine: CounselorEngine<CactusSettings> = () => {
  throw new Error('CACTUS is not built yet')
}
