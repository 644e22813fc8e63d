import { CTRS_GROUP_IDS, CTRS_ITEMS, type CtrsGroupId, type CtrsItemId, type CtrsStat } from '@shared/evaluation'
import { mean, std } from '../statistics'

/**
 * The six CTRS items MAGneT judges, in our own words (zh and en): what each
 * item looks at, and what a session scoring 0, 2, 4 and 6 looks like (odd
 * scores lie between two descriptions). Which items form which group comes
 * from src/shared/evaluations/ctrs.ts; how the scores add up is below.
 */

export interface CtrsItemText {
  id: CtrsItemId
  /** The item's name and what it looks at. */
  name: { en: string; zh: string }
  about: { en: string; zh: string }
  /** Descriptions at 0, 2, 4 and 6. */
  levels: [Level, Level, Level, Level]
}
type Level = { en: string; zh: string }

const lv = (en: string, zh: string): Level => ({ en, zh })

export const CTRS_LEVELS = [0, 2, 4, 6] as const

export const CTRS_ITEM_TEXTS: readonly CtrsItemText[] = [
  {
    id: 'understanding',
    name: { en: 'Understanding', zh: '理解' },
    about: {
      en: 'How well the counselor grasps what the client says and feels, including what is only hinted at, and shows it in accurate, empathic responses.',
      zh: '咨询师在多大程度上把握了来访者所说的内容和感受（包括只是隐约流露的部分），并通过准确、共情的回应表现出来。',
    },
    levels: [
      lv(
        "The counselor keeps missing or ignoring what the client says and feels; the replies show no grasp of the client's point of view.",
        '咨询师反复错过或忽略来访者的话语和感受，回应中看不出对来访者视角的把握。',
      ),
      lv(
        'The counselor follows the surface content but often misses the feelings or meaning underneath, or reflects them inaccurately.',
        '咨询师能跟上表面内容，但常常错过背后的情绪或含义，或复述得不准确。',
      ),
      lv(
        'The counselor generally understands both what the client says and how the client feels, and reflects this back correctly most of the time.',
        '咨询师大体理解来访者所说的内容和感受，多数时候能准确地反映出来。',
      ),
      lv(
        "The counselor understands the client's inner experience in depth, including what is left unsaid, and conveys this consistently in words and tone.",
        '咨询师深入理解来访者的内心体验，包括未说出口的部分，并在言语和语气中始终如一地传达出这种理解。',
      ),
    ],
  },
  {
    id: 'interpersonal',
    name: { en: 'Interpersonal effectiveness', zh: '人际效能' },
    about: {
      en: 'How well the counselor builds a working relationship: warmth, genuineness, confidence and professional conduct suited to this client.',
      zh: '咨询师建立工作关系的能力：与该来访者相适应的温暖、真诚、自信和专业态度。',
    },
    levels: [
      lv(
        'The counselor is cold, impatient, dismissive or unprofessional, so the client may feel hurt or put off.',
        '咨询师冷淡、不耐烦、轻视或不专业，来访者可能因此受伤或退缩。',
      ),
      lv(
        'Nothing harmful, but the counselor sounds mechanical, distant or unsure of themselves; little rapport develops.',
        '没有伤害性的表现，但咨询师显得机械、疏远或缺乏自信，几乎没有建立起融洽关系。',
      ),
      lv(
        'The counselor is warm, respectful, genuine and professional most of the time; the rapport is adequate.',
        '咨询师多数时候温暖、尊重、真诚且专业，关系融洽程度尚可。',
      ),
      lv(
        'The counselor is consistently warm, genuine and confident in a way that fits this client; the rapport is excellent.',
        '咨询师始终以适合该来访者的方式表现出温暖、真诚与自信，关系非常融洽。',
      ),
    ],
  },
  {
    id: 'collaboration',
    name: { en: 'Collaboration', zh: '合作' },
    about: {
      en: 'How far counselor and client work as a team: agreeing on what to work on, explaining the reasons for what they do, and making the client an active partner.',
      zh: '咨询师与来访者在多大程度上像一个团队一样工作：就处理什么问题达成一致、说明做法的理由、让来访者成为积极的合作者。',
    },
    levels: [
      lv(
        'The counselor lectures or directs alone, or merely drifts along with the client; there is no attempt to agree on what to work on.',
        '咨询师独自说教或指挥，或只是随着来访者漫无目的地聊；没有尝试就要处理的问题达成一致。',
      ),
      lv(
        'There are some attempts to involve the client, but the focus is set mostly by one side, or it stays unclear what they are working on.',
        '有一些让来访者参与的尝试，但方向主要由一方决定，或始终不清楚双方在处理什么。',
      ),
      lv(
        'They agree on a problem that matters to the client and work on it together; the counselor asks for the client’s views.',
        '双方就一个对来访者重要的问题达成一致并共同处理；咨询师会征求来访者的看法。',
      ),
      lv(
        'Genuine teamwork throughout: shared goals, the reasons for each step made clear, and the client actively shaping the work.',
        '自始至终是真正的团队合作：目标共享，每一步的理由都讲清楚，来访者积极参与塑造工作的方向。',
      ),
    ],
  },
  {
    id: 'guidedDiscovery',
    name: { en: 'Guided discovery', zh: '引导式发现' },
    about: {
      en: 'How well the counselor uses questions to help the client examine their own situation, find new perspectives and reach their own conclusions, instead of persuading or lecturing.',
      zh: '咨询师在多大程度上通过提问帮助来访者审视自身处境、发现新的视角并得出自己的结论，而不是说服或说教。',
    },
    levels: [
      lv(
        'The counselor relies on advice, argument, persuasion or lecturing; there is little or no exploratory questioning.',
        '咨询师依赖建议、争辩、说服或说教，几乎没有探索性的提问。',
      ),
      lv(
        'Some questions are asked, but they are leading or closed, or the counselor often tells the client what to think.',
        '有一些提问，但多为诱导性或封闭式问题，或咨询师常常直接告诉来访者该怎么想。',
      ),
      lv(
        'Questions help the client look at the situation and consider other views, although some persuading remains.',
        '提问能帮助来访者审视处境、考虑其他看法，虽然仍有一些说服的成分。',
      ),
      lv(
        'Skilful questioning lets the client discover new perspectives and draw conclusions on their own; questions and other interventions are well balanced.',
        '娴熟的提问让来访者自己发现新视角并得出结论；提问与其他干预之间平衡得很好。',
      ),
    ],
  },
  {
    id: 'keyCognitions',
    name: { en: 'Focus on key cognitions and behaviours', zh: '聚焦关键认知与行为' },
    about: {
      en: "How well the counselor draws out the client's specific thoughts, beliefs and behaviours that keep the main problem going, and stays focused on them.",
      zh: '咨询师在多大程度上引出并聚焦于维持来访者主要问题的具体想法、信念和行为。',
    },
    levels: [
      lv(
        'No attempt is made to draw out specific thoughts, beliefs or behaviours.',
        '没有尝试引出具体的想法、信念或行为。',
      ),
      lv(
        "Some thoughts or behaviours come up, but vaguely, or they are not the ones that matter for the client's main problem.",
        '谈到了一些想法或行为，但较为笼统，或与来访者的主要问题关系不大。',
      ),
      lv(
        'Specific thoughts or behaviours tied to the main problem are identified and worked with.',
        '识别出与主要问题相关的具体想法或行为，并围绕它们展开工作。',
      ),
      lv(
        'The counselor homes in on the thoughts, beliefs and behaviours that matter most for the problem and promise the most change, and keeps the work on them.',
        '咨询师精准锁定对问题最关键、最有可能带来改变的想法、信念与行为，并让工作始终围绕它们进行。',
      ),
    ],
  },
  {
    id: 'strategy',
    name: { en: 'Strategy for change', zh: '改变策略' },
    about: {
      en: 'Whether the counselor follows a coherent plan for change, using cognitive-behavioural techniques that suit the client’s problem.',
      zh: '咨询师是否遵循一个连贯的改变计划，并使用适合来访者问题的认知行为技术。',
    },
    levels: [
      lv(
        'No cognitive-behavioural technique and no plan for change can be seen.',
        '看不到任何认知行为技术，也没有改变的计划。',
      ),
      lv(
        "Some techniques appear, but the approach is vague, scattered or poorly suited to the client's problem.",
        '出现了一些技术，但思路含糊、零散，或与来访者的问题不太匹配。',
      ),
      lv(
        'A reasonably coherent approach with suitable cognitive-behavioural techniques that holds some promise of change.',
        '思路较为连贯，使用了合适的认知行为技术，有一定的改变前景。',
      ),
      lv(
        'A clear, well-chosen plan followed consistently, with techniques that fit the problem closely and promise real change.',
        '计划清晰、选择得当并始终贯彻，所用技术与问题高度契合，很有希望带来真正的改变。',
      ),
    ],
  },
]

export function ctrsItemText(id: string): CtrsItemText {
  const found = CTRS_ITEM_TEXTS.find((i) => i.id === id)
  if (!found) throw new RangeError(`CTRS item "${id}" does not exist (${CTRS_ITEMS.map((i) => i.id).join(', ')})`)
  return found
}

/** One judged unit as the job stores it: `value` null when the judge failed. */
export interface CtrsScore {
  dialogueId: string
  round: number
  item: string
  value: number | null
}

export interface CtrsAggregate {
  items: Record<CtrsItemId, CtrsStat & { perDialogue: number[] }>
  groups: Record<CtrsGroupId, CtrsStat & { perDialogue: number[] }>
  /** Per dialogue, in first-seen order: item means (items without a score absent), group means (null without items). */
  dialogues: {
    dialogueId: string
    items: Partial<Record<CtrsItemId, number>>
    groups: Record<CtrsGroupId, number | null>
  }[]
  failures: number
}

const stat = (values: number[]) => ({ mean: mean(values), std: std(values), n: values.length, perDialogue: values })

/**
 * Per dialogue: each item is the mean of its successful samples, each group the mean
 * of its items that have a score. Per dataset: means and SDs of those over dialogues.
 */
export function ctrsAggregate(scores: Iterable<CtrsScore>): CtrsAggregate {
  const byDialogue = new Map<string, Map<CtrsItemId, number[]>>()
  let failures = 0
  for (const s of scores) {
    const id = ctrsItemText(s.item).id
    let items = byDialogue.get(s.dialogueId)
    if (!items) byDialogue.set(s.dialogueId, (items = new Map()))
    if (s.value === null) {
      failures++
      continue
    }
    items.set(id, [...(items.get(id) ?? []), s.value])
  }

  const dialogues: CtrsAggregate['dialogues'] = []
  for (const [dialogueId, samples] of byDialogue) {
    const items: Partial<Record<CtrsItemId, number>> = {}
    for (const item of CTRS_ITEMS) if (samples.has(item.id)) items[item.id] = mean(samples.get(item.id)!)
    const groups = {} as Record<CtrsGroupId, number | null>
    for (const g of CTRS_GROUP_IDS) {
      const present = CTRS_ITEMS.filter((i) => i.group === g && items[i.id] !== undefined).map((i) => items[i.id]!)
      groups[g] = present.length ? mean(present) : null
    }
    dialogues.push({ dialogueId, items, groups })
  }

  const over = <T>(values: (T | null | undefined)[]) => values.filter((v): v is T => v !== null && v !== undefined)
  return {
    items: Object.fromEntries(
      CTRS_ITEMS.map((i) => [i.id, stat(over(dialogues.map((d) => d.items[i.id])))]),
    ) as CtrsAggregate['items'],
    groups: Object.fromEntries(
      CTRS_GROUP_IDS.map((g) => [g, stat(over(dialogues.map((d) => d.groups[g])))]),
    ) as CtrsAggregate['groups'],
    dialogues,
    failures,
  }
}
