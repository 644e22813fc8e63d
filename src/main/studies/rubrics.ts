import { CTRS_SCALE } from '@shared/evaluation'
import type { Aspect, Bilingual, RubricItem, StudyDefaults } from '@shared/study'
import { CTRS_ITEM_TEXTS, CTRS_LEVELS } from '../evaluation/ctrs/items'
import { WAI_ITEMS, WAI_SCALE } from '../evaluation/wai/items'

/*
 * The built-in rubrics a study starts from are the ones the workbench's LLM judges already use (our own wording of the
 * WAI observer short form and of MAGneT's six CTRS items), so people and judges answer the same questions.
 */

const FACTOR_NAMES: Record<string, Bilingual> = {
  goal: { en: 'goal', zh: '目标' },
  task: { en: 'task', zh: '任务' },
  bond: { en: 'bond', zh: '情感联结' },
}

const waiItems = (): RubricItem[] =>
  WAI_ITEMS.map((item) => ({
    key: `wai${item.number}`,
    name: {
      en: `Item ${item.number} (${FACTOR_NAMES[item.factor].en}${item.reversed ? ', negatively worded' : ''})`,
      zh: `第 ${item.number} 题（${FACTOR_NAMES[item.factor].zh}${item.reversed ? '，反向表述' : ''}）`,
    },
    question: { en: item.en, zh: item.zh },
    scale: { min: WAI_SCALE.min, max: WAI_SCALE.max },
    anchors: item.anchors.map((a) => ({ from: a.from, to: a.to, text: { en: a.en, zh: a.zh } })),
  }))

const ctrsItems = (): RubricItem[] =>
  CTRS_ITEM_TEXTS.map((item) => ({
    key: item.id,
    name: item.name,
    question: item.about,
    scale: { min: CTRS_SCALE.min, max: CTRS_SCALE.max },
    anchors: item.levels.map((level, i) => ({ from: CTRS_LEVELS[i], to: CTRS_LEVELS[i], text: level })),
  }))

/** Pairwise aspects: the six CTRS areas and an overall judgement, asked as "which session does this better". */
const ASPECTS: Aspect[] = [
  ...CTRS_ITEM_TEXTS.map((item) => ({
    key: item.id,
    name: item.name,
    question: {
      en: `Which session does better here? ${item.about.en}`,
      zh: `哪一段会谈在这方面做得更好？${item.about.zh}`,
    },
  })),
  {
    key: 'overall',
    name: { en: 'Overall', zh: '总体' },
    question: {
      en: 'Taking everything together, which session would you rather have a client receive?',
      zh: '综合来看，你更希望来访者接受哪一段会谈？',
    },
  },
]

const GUIDELINES_RUBRIC: Bilingual = {
  en: [
    'You will read whole counseling sessions between a client and a counselor. Where they come from is hidden on purpose.',
    'Read the full session first, then answer every item for the counselor’s work in this session. Each item has a scale; the descriptions under it say what the main levels mean — a score between two descriptions is fine.',
    'Rate what the transcript shows, not what the counselor might have done off the page. Take your time; every answer is saved the moment you give it, and you can leave and come back later.',
    'Keys: digits choose a score, ↑ / ↓ move between items, Enter goes on.',
  ].join('\n\n'),
  zh: [
    '你将阅读来访者与咨询师之间的完整咨询会谈。会谈的来源被刻意隐去。',
    '请先读完整段会谈，再就该会谈中咨询师的表现回答每一个条目。每个条目都有一个评分量表，量表下的说明描述了主要等级的含义；介于两个说明之间的分数也可以。',
    '请只依据文字记录中呈现的内容评分，不要揣测记录以外的情况。每个答案都会即时保存，你可以随时离开、稍后再回来继续。',
    '快捷键：数字键选择分数，↑ / ↓ 在条目间移动，Enter 继续。',
  ].join('\n\n'),
}

const GUIDELINES_PAIRWISE: Bilingual = {
  en: [
    'You will read two counseling sessions, A and B, with clients who share the same background. Where they come from is hidden, and which one is A was decided at random.',
    'Read both sessions, then for each aspect say which counselor does better — or “tie” when you cannot tell them apart.',
    'Every answer is saved the moment you give it; you can leave and come back later.',
    'Keys: a / b / t (or 1 / 2 / 3) choose, ↑ / ↓ move between aspects, Enter goes on.',
  ].join('\n\n'),
  zh: [
    '你将阅读 A、B 两段咨询会谈，两段会谈中的来访者背景相同。会谈来源被隐去，哪一段作为 A 是随机决定的。',
    '请读完两段会谈，然后就每个方面判断哪一位咨询师做得更好；若难分高下，请选“平局”。',
    '每个答案都会即时保存，你可以随时离开、稍后再回来继续。',
    '快捷键：a / b / t（或 1 / 2 / 3）选择，↑ / ↓ 在方面之间移动，Enter 继续。',
  ].join('\n\n'),
}

export function studyDefaults(): StudyDefaults {
  return {
    rubrics: [
      {
        id: 'wai-o-s',
        name: {
          en: 'Working Alliance Inventory, observer short form (12 items, 1–7)',
          zh: '工作同盟量表观察者简版（12 题，1–7 分）',
        },
        items: waiItems(),
        note: {
          en: 'The items the WAI judge asks, in our own words. Items 4 and 10 are worded negatively: results show them as rated (not reversed).',
          zh: '与 WAI 评审模型所用条目相同（本项目自己的表述）。第 4、10 题为反向表述：结果按原始评分显示（不做反向计分）。',
        },
      },
      {
        id: 'ctrs',
        name: {
          en: 'Cognitive Therapy Rating Scale, MAGneT’s six items (0–6)',
          zh: '认知治疗评定量表，MAGneT 所用 6 项（0–6 分）',
        },
        items: ctrsItems(),
        note: {
          en: 'The six CTRS items the CTRS judge asks, in our own words, described at 0, 2, 4 and 6 (odd scores lie between).',
          zh: '与 CTRS 评审模型所用的 6 个条目相同（本项目自己的表述），在 0、2、4、6 分处给出描述（奇数分介于两者之间）。',
        },
      },
    ],
    aspects: ASPECTS,
    aspectsNote: {
      en: 'Our choice: the six CTRS areas and an overall judgement. MAGneT’s experts compared sessions on nine aspects, which the released material we hold does not list; edit the aspects to match your protocol.',
      zh: '本项目的选择：CTRS 的六个方面加一个总体判断。MAGneT 的专家在九个方面比较会谈，但我们掌握的公开材料未列出这九个方面；请按你的研究方案修改。',
    },
    guidelines: { rubric: GUIDELINES_RUBRIC, pairwise: GUIDELINES_PAIRWISE },
    seed: 42,
    ratersPerDialogue: 3,
  }
}
