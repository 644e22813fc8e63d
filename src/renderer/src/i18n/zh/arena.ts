import type { Resources } from '../en'

/** 中文界面文案：arena。 */
export const arena: Pick<Resources, 'arena'> = {
  arena: {
    title: '咨询师竞技场',
  },
}
