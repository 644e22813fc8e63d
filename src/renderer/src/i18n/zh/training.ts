import type { Resources } from '../en'

/** 中文界面文案：training。 */
export const training: Pick<Resources, 'training'> = {
  training: {
    title: '模型训练',
  },
}
