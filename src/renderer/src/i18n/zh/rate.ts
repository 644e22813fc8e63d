import type { Resources } from '../en'

/** 中文界面文案：评分员的评分视图。 */
export const rate: Pick<Resources, 'rate'> = {
  rate: {
    title: '评分',
  },
}
