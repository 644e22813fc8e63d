import { WAI_FACTORS, WAI_REVERSED, type WaiConfig } from '@shared/evaluation'
import { mean, std } from '../statistics'

/**
 * The 12 observer items of the working-alliance short form, in our own words
 * (zh and en), each with scoring guidelines over the 1–7 scale, and how the
 * scores are aggregated. Which items form which factor, and which are reverse
 * scored, comes from src/shared/evaluation.ts.
 */

export type WaiFactor = keyof typeof WAI_FACTORS
export const WAI_FACTOR_NAMES = Object.keys(WAI_FACTORS) as WaiFactor[]
export const WAI_SCALE = { min: 1, max: 7 } as const

/** Guidance for a band of scores (from..to inclusive). */
export interface WaiAnchor {
  from: number
  to: number
  en: string
  zh: string
}

export interface WaiItem {
  number: number
  factor: WaiFactor
  /** Worded negatively: the judge scores it as worded; aggregation reverses it (8 − x). */
  reversed: boolean
  en: string
  zh: string
  anchors: WaiAnchor[]
}

type Bands = [string, string][]
const BANDS: [number, number][] = [
  [1, 1],
  [2, 3],
  [4, 4],
  [5, 6],
  [7, 7],
]

function item(number: number, en: string, zh: string, bands: Bands): WaiItem {
  const factor = WAI_FACTOR_NAMES.find((f) => (WAI_FACTORS[f] as readonly number[]).includes(number))!
  return {
    number,
    factor,
    reversed: (WAI_REVERSED as readonly number[]).includes(number),
    en,
    zh,
    anchors: bands.map(([bandEn, bandZh], i) => ({ from: BANDS[i][0], to: BANDS[i][1], en: bandEn, zh: bandZh })),
  }
}

export const WAI_ITEMS: readonly WaiItem[] = [
  item(
    1,
    "Client and counselor are of one mind about what they actually do together in the session to move the client's situation forward.",
    '来访者与咨询师对于会谈中要一起做哪些事来推动来访者处境的改善，看法一致。',
    [
      [
        "They clearly disagree or pull in different directions about what to do; the client rejects or ignores the counselor's proposals.",
        '双方对该做什么明显意见相左或各行其是；来访者拒绝或无视咨询师的提议。',
      ],
      [
        'Agreement is weak: the client goes along reluctantly, or the steps are seldom discussed and often questioned.',
        '一致程度较弱：来访者勉强配合，或很少讨论具体做法、且常有质疑。',
      ],
      [
        'Mixed or unclear: some steps are accepted and others are not, or there is too little to go on.',
        '好坏参半或不明确：部分做法被接受、部分没有，或可供判断的信息不足。',
      ],
      [
        'The client mostly accepts and takes part in the proposed activities, with only minor hesitation.',
        '来访者基本接受并参与所提出的做法，只有轻微犹豫。',
      ],
      [
        "Both clearly and actively share a plan for the session's work; the client builds on the counselor's suggestions.",
        '双方清楚而积极地认同会谈中的工作方式；来访者主动在咨询师的建议上继续推进。',
      ],
    ],
  ),
  item(
    2,
    'What happens in the session seems useful to the client; for instance, the client starts to see the problem from new angles.',
    '会谈中的工作对来访者显得有用，例如来访者开始从新的角度看待自己的问题。',
    [
      [
        'The client finds the session pointless, or repeats the same view of the problem without any shift.',
        '来访者觉得会谈没有意义，或始终重复对问题的同一看法，毫无松动。',
      ],
      [
        'Little sign of usefulness; new perspectives are offered but mostly brushed aside.',
        '几乎看不出有用之处；咨询师提供了新视角，但大多被来访者搁置。',
      ],
      [
        "Some moments seem helpful and others do not; the client's view shifts only slightly, or it is hard to tell.",
        '有些时刻似乎有帮助，有些没有；来访者的看法只有轻微变化，或难以判断。',
      ],
      [
        'The client takes up new ideas and reflects on them; the session clearly seems worthwhile to them.',
        '来访者接纳新的想法并加以思考；会谈对其明显是有价值的。',
      ],
      [
        'The client explicitly arrives at a fresh understanding, or says the work is helping a lot.',
        '来访者明确获得新的理解，或直接表示这样的工作帮助很大。',
      ],
    ],
  ),
  item(3, 'Client and counselor show warmth and liking toward each other.', '来访者与咨询师彼此流露出温暖与好感。', [
    ['Cold, irritated or hostile exchanges on at least one side.', '至少一方表现冷淡、不耐烦或带有敌意。'],
    ['Polite but distant; little warmth in either direction.', '礼貌但疏远，双方之间少有温度。'],
    [
      'Neutral tone, or warmth from one side that the other does not return.',
      '语气中性，或只有一方表现出温暖而另一方没有回应。',
    ],
    [
      'A friendly, warm tone from both; signs of goodwill such as thanks, humor or kind words.',
      '双方语气友好温暖，可见感谢、幽默或善意的话语等好感迹象。',
    ],
    [
      'Strong and clearly mutual warmth and fondness throughout the session.',
      '整个会谈中双方都明显流露出强烈而相互的温暖与喜爱。',
    ],
  ]),
  item(
    4,
    'There is confusion or doubt about what the client and counselor are trying to achieve; at least one of them seems not to grasp the purpose of their work.',
    '对于来访者和咨询师想要达成什么存在困惑或疑问；至少有一方似乎没有把握住这次工作的目的。',
    [
      [
        'The purpose of the work is plainly clear to both; no sign of doubt about it.',
        '工作目的对双方都非常清楚，看不到任何疑问。',
      ],
      [
        'The purpose is largely clear, with a brief moment of uncertainty that is soon resolved.',
        '目的大体清楚，只有短暂的不确定，且很快得到澄清。',
      ],
      ['The purpose is partly clear; some uncertainty about the aim remains.', '目的部分清楚，对目标仍有一些不确定。'],
      [
        'Repeated signs that one side misreads or questions what they are working toward.',
        '多次出现一方误解或质疑双方努力方向的迹象。',
      ],
      [
        'The aim of the work is thoroughly confused or disputed; they seem to talk past each other.',
        '工作目标完全混乱或存在争议，双方像是在各说各话。',
      ],
    ],
  ),
  item(5, 'The client appears to trust that the counselor is able to help.', '来访者看起来相信咨询师有能力帮助自己。', [
    [
      "The client openly doubts or dismisses the counselor's competence or help.",
      '来访者公开怀疑或否定咨询师的能力与帮助。',
    ],
    [
      "Skeptical: the client questions the counselor's suggestions or expects little from them.",
      '持怀疑态度：来访者质疑咨询师的建议，或对其期望很低。',
    ],
    ["No clear signal either way about the client's confidence in the counselor.", '看不出来访者对咨询师是否有信心。'],
    [
      "The client seeks and values the counselor's input and seems hopeful it will help.",
      '来访者主动寻求并重视咨询师的意见，似乎相信会有帮助。',
    ],
    [
      'The client expresses strong confidence in the counselor, such as relief or reliance on their guidance.',
      '来访者表现出对咨询师的强烈信心，例如感到安心或依赖其指导。',
    ],
  ]),
  item(6, 'The two are working toward aims that both of them have accepted.', '双方在朝着彼此都认可的目标努力。', [
    ['No shared aim: they pursue different or even opposing aims.', '没有共同目标：双方各自追求不同甚至相反的目标。'],
    [
      'Aims are set mainly by one side and only weakly accepted by the other.',
      '目标主要由一方设定，另一方只是勉强接受。',
    ],
    ['Aims are vague or only partly shared.', '目标含糊，或只部分共享。'],
    ['Aims are discussed and both appear to endorse them.', '目标经过讨论，双方看起来都认同。'],
    [
      'Clearly stated aims that both explicitly endorse and actively pursue.',
      '目标表述清晰，双方都明确认同并积极追求。',
    ],
  ]),
  item(
    7,
    'The client seems to feel valued and respected as a person by the counselor.',
    '来访者似乎感到自己作为一个人被咨询师重视和尊重。',
    [
      ['The client seems to feel judged, belittled or dismissed.', '来访者似乎感到被评判、被贬低或被忽视。'],
      [
        'The client seems to feel only partly accepted; some defensiveness or hurt is visible.',
        '来访者似乎只感到部分被接纳，可见一些防御或受伤。',
      ],
      ['Hard to tell whether the client feels valued.', '难以判断来访者是否感到被重视。'],
      [
        "The client responds to the counselor's acceptance by opening up or showing appreciation.",
        '来访者回应咨询师的接纳，更加敞开或表达感谢。',
      ],
      [
        'The client clearly conveys feeling understood, accepted and cared about.',
        '来访者清楚地表达出被理解、被接纳和被关心的感受。',
      ],
    ],
  ),
  item(
    8,
    'Both share a view of which issues matter most for the client to work on.',
    '双方对来访者最需要处理哪些问题有共同看法。',
    [
      ['They clearly disagree about what is worth working on.', '双方对什么值得处理明显意见不一。'],
      [
        'The counselor focuses on issues the client treats as secondary, or the other way round.',
        '咨询师关注的问题被来访者视为次要，或者反过来。',
      ],
      ['Priorities overlap partly, or are never made clear.', '优先事项部分重合，或始终没有明确。'],
      ['They largely agree on the main issues to focus on.', '双方在主要关注的问题上基本一致。'],
      ['Full and explicit agreement on the priorities of the work.', '双方对工作的优先事项完全且明确地达成一致。'],
    ],
  ),
  item(9, 'Trust runs in both directions between client and counselor.', '来访者与咨询师之间存在双向的信任。', [
    ['Marked mistrust: guardedness, suspicion or withholding.', '明显不信任：戒备、猜疑或有所隐瞒。'],
    [
      "Cautious: the client shares little of substance, or the counselor seems doubtful of the client's account.",
      '较为谨慎：来访者很少谈及实质内容，或咨询师似乎对来访者的叙述心存怀疑。',
    ],
    ['Some openness, but trust is not yet clearly established.', '有一定开放，但信任尚未明确建立。'],
    [
      "The client discloses personal matters and the counselor takes the client's account seriously.",
      '来访者吐露个人事情，咨询师认真对待来访者的叙述。',
    ],
    [
      'Deep mutual trust: sensitive disclosures are made and received with full confidence.',
      '深厚的相互信任：敏感内容被放心地说出并被妥善接住。',
    ],
  ]),
  item(
    10,
    "Client and counselor see the client's core difficulties differently.",
    '来访者与咨询师对来访者的核心困难有不同的理解。',
    [
      ["They see the client's core difficulties in the same way.", '双方对来访者核心困难的理解完全相同。'],
      ['Their views are largely similar, with small differences in emphasis.', '看法大体相似，只在侧重点上略有不同。'],
      [
        'Their views overlap partly; there is some disagreement about what the real problem is.',
        '看法部分重合，对真正的问题是什么有一些分歧。',
      ],
      [
        "Notable disagreement: the client resists or corrects the counselor's reading of the problem.",
        '分歧明显：来访者抗拒或纠正咨询师对问题的理解。',
      ],
      [
        "They hold clearly incompatible ideas of what the client's problem is.",
        '双方对来访者问题所在的看法明显无法调和。',
      ],
    ],
  ),
  item(
    11,
    'The two have reached a shared picture of which changes would be good for the client.',
    '双方对哪些改变会对来访者有益形成了共同的认识。',
    [
      [
        'No shared sense of what change would help, or open disagreement about it.',
        '对什么样的改变有帮助没有共识，或存在公开分歧。',
      ],
      [
        'Desired changes are raised by one side only and barely taken up by the other.',
        '期望的改变只由一方提出，另一方几乎没有回应。',
      ],
      ['Desired changes are vague or only partly shared.', '期望的改变较为模糊，或只部分达成共识。'],
      ['Both describe similar desirable changes.', '双方描述了相似的期望改变。'],
      ['A concrete, clearly shared picture of the desired changes.', '双方对期望的改变有具体而清晰的共同认识。'],
    ],
  ),
  item(
    12,
    'The client seems convinced that the way the problem is being worked on is the right one.',
    '来访者看起来确信目前处理问题的方式是对的。',
    [
      ['The client rejects the approach or says it will not work.', '来访者拒绝这种工作方式，或表示它行不通。'],
      [
        'The client voices doubts about the approach or complies half-heartedly.',
        '来访者对工作方式表示怀疑，或只是敷衍配合。',
      ],
      ["No clear sign of the client's view of the approach.", '看不出来访者如何看待这种工作方式。'],
      [
        'The client goes along with the approach willingly and seems to find it sensible.',
        '来访者乐于配合这种方式，并觉得它合理。',
      ],
      [
        'The client clearly endorses the approach, for example says this is exactly what they need.',
        '来访者明确认可这种方式，例如表示这正是自己需要的。',
      ],
    ],
  ),
]

export function waiItem(number: number): WaiItem {
  const found = WAI_ITEMS.find((i) => i.number === number)
  if (!found) throw new RangeError(`WAI item ${number} does not exist (1–12)`)
  return found
}

/** The score as it enters the factors: negatively worded items flipped on the 1–7 scale. */
export const reverseScored = (number: number, value: number) =>
  waiItem(number).reversed ? WAI_SCALE.min + WAI_SCALE.max - value : value

/** How items 4 and 10 (worded negatively) enter the means: flipped (WAI-O-S) or as the judge rated them (MAGneT). */
export type WaiScoring = WaiConfig['itemScoring']

/** One judged unit as the job stores it: `value` null when the judge failed. */
export interface WaiScore {
  dialogueId: string
  round: number
  item: number
  value: number | null
}

export interface WaiAggregate {
  /** Mean over rounds, then over dialogues, after reverse scoring; items without any score are absent. */
  items: Record<number, number>
  /**
   * Sample standard deviation across dialogues; NaN (stored as null) for fewer than two dialogues, like a mean of none.
   */
  factors: Record<WaiFactor, { mean: number; std: number; perDialogue: number[] }>
  /** Per dialogue, in first-seen order: item means, and factors (null when none of its items has a score). */
  dialogues: { dialogueId: string; items: Record<number, number>; factors: Record<WaiFactor, number | null> }[]
  failures: number
}

/**
 * Per dialogue: each item is the mean of its successful rounds (reversed if negatively
 * worded) and a factor the mean of its items that have a score. Per dataset: item and
 * factor means over dialogues.
 */
export function waiAggregate(scores: Iterable<WaiScore>, scoring: WaiScoring = 'reverse-scored'): WaiAggregate {
  const byDialogue = new Map<string, Map<number, number[]>>()
  let failures = 0
  for (const s of scores) {
    waiItem(s.item)
    let items = byDialogue.get(s.dialogueId)
    if (!items) byDialogue.set(s.dialogueId, (items = new Map()))
    if (s.value === null) {
      failures++
      continue
    }
    const value = scoring === 'reverse-scored' ? reverseScored(s.item, s.value) : s.value
    items.set(s.item, [...(items.get(s.item) ?? []), value])
  }

  const itemValues = new Map<number, number[]>()
  const dialogues: WaiAggregate['dialogues'] = []
  for (const [dialogueId, items] of byDialogue) {
    const itemMeans = new Map<number, number>()
    for (const [n, values] of items) {
      itemMeans.set(n, mean(values))
      itemValues.set(n, [...(itemValues.get(n) ?? []), mean(values)])
    }
    const factors = {} as Record<WaiFactor, number | null>
    for (const f of WAI_FACTOR_NAMES) {
      const present = WAI_FACTORS[f].filter((n) => itemMeans.has(n)).map((n) => itemMeans.get(n)!)
      factors[f] = present.length ? mean(present) : null
    }
    dialogues.push({ dialogueId, items: Object.fromEntries(itemMeans), factors })
  }

  const items: Record<number, number> = {}
  for (const n of [...itemValues.keys()].sort((a, b) => a - b)) items[n] = mean(itemValues.get(n)!)
  const factors = {} as WaiAggregate['factors']
  for (const f of WAI_FACTOR_NAMES) {
    const perDialogue = dialogues.map((d) => d.factors[f]).filter((v): v is number => v !== null)
    factors[f] = { mean: mean(perDialogue), std: std(perDialogue), perDialogue }
  }
  return { items, factors, dialogues, failures }
}
