import type { Psych8kSettings } from '@shared/counselors/psych8k'
import type { CounselorEngine } from '../engine'

export const psych8kEngine: CounselorEngine<Psych8kSettings> = () => {
  throw new Error('Psych8k is not built yet')
}
