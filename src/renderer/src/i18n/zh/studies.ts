import type { Resources } from '../en'

/** 中文界面文案：评分研究（研究列表、新建表单与结果）。 */
export const studies: Pick<Resources, 'studies'> = {
  studies: {
    title: '评分研究',
  },
}
