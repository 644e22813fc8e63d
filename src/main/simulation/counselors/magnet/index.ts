import type { MagnetSettings } from '@shared/counselors/magnet'
import type { CounselorEngine } from '../engine'

export const magnetEngine: CounselorEngine<MagnetSettings> = () => {
  throw new Error('MAGneT is not built yet')
}
