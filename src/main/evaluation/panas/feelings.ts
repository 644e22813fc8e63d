import { PANAS_FEELING_IDS, PANAS_FEELINGS, type PanasFeeling, type PanasPolarity } from '@shared/evaluation'
import type { Language } from '@shared/roleCard'

/**
 * The 20 PANAS feelings with the label the judge answers with in each language and a short gloss, in our own words.
 * The English label is the feeling's id; the parser accepts either language's label in any answer.
 */
export interface PanasFeelingText {
  id: PanasFeeling
  polarity: PanasPolarity
  label: Record<Language, string>
  gloss: Record<Language, string>
}

export const PANAS_SCALE = { min: 1, max: 5 } as const

/** What each point of the 1–5 scale means. */
export const PANAS_ANCHORS: Record<Language, string[]> = {
  en: ['very slightly or not at all', 'a little', 'moderately', 'quite a bit', 'extremely'],
  zh: ['几乎没有或完全没有', '有一点', '中等程度', '相当多', '极其强烈'],
}

const TEXT: Record<PanasFeeling, { zh: string; glossEn: string; glossZh: string }> = {
  interested: { zh: '感兴趣', glossEn: 'curious, engaged by things', glossZh: '对事物好奇、愿意投入' },
  excited: { zh: '兴奋', glossEn: 'eager, stirred up in a good way', glossZh: '带着期待的激动' },
  strong: { zh: '有力量', glossEn: 'feeling capable and sturdy', glossZh: '觉得自己有能力、撑得住' },
  enthusiastic: { zh: '热情', glossEn: 'keen, full of energy for something', glossZh: '对某事充满干劲' },
  proud: { zh: '自豪', glossEn: 'pleased with oneself or one’s doings', glossZh: '对自己或所做之事感到满意' },
  alert: { zh: '清醒敏锐', glossEn: 'awake, quick to notice', glossZh: '头脑清醒、反应敏捷' },
  inspired: { zh: '受到鼓舞', glossEn: 'moved to act or create', glossZh: '被激发出行动或创造的愿望' },
  determined: { zh: '坚定', glossEn: 'set on reaching a goal', glossZh: '下定决心要达到目标' },
  attentive: { zh: '专注', glossEn: 'paying close attention', glossZh: '注意力集中' },
  active: { zh: '积极主动', glossEn: 'energetic, ready to do things', glossZh: '精力充沛、愿意行动' },
  distressed: { zh: '痛苦', glossEn: 'troubled, in emotional pain', glossZh: '内心煎熬、难受' },
  upset: { zh: '心烦意乱', glossEn: 'unsettled, put out', glossZh: '心里乱、不痛快' },
  guilty: { zh: '内疚', glossEn: 'feeling at fault', glossZh: '觉得是自己的错' },
  scared: { zh: '恐惧', glossEn: 'frightened by something', glossZh: '被某事吓到' },
  hostile: { zh: '敌对', glossEn: 'antagonistic toward others', glossZh: '对他人抱有敌意' },
  irritable: { zh: '易怒', glossEn: 'easily annoyed', glossZh: '容易被惹恼' },
  ashamed: { zh: '羞愧', glossEn: 'embarrassed about oneself', glossZh: '为自己感到难堪' },
  nervous: { zh: '紧张', glossEn: 'tense, uneasy', glossZh: '绷紧、不安' },
  jittery: { zh: '坐立不安', glossEn: 'restless, on edge', glossZh: '静不下来、心神不定' },
  afraid: { zh: '害怕', glossEn: 'fearful, expecting harm', glossZh: '担心会有不好的事发生' },
}

const polarityOf = (id: PanasFeeling): PanasPolarity =>
  (PANAS_FEELINGS.positive as readonly string[]).includes(id) ? 'positive' : 'negative'

/** In the order of PANAS_FEELING_IDS: the 10 positive feelings, then the 10 negative ones. */
export const PANAS_FEELING_TEXTS: readonly PanasFeelingText[] = PANAS_FEELING_IDS.map((id) => ({
  id,
  polarity: polarityOf(id),
  label: { en: id, zh: TEXT[id].zh },
  gloss: { en: TEXT[id].glossEn, zh: TEXT[id].glossZh },
}))
