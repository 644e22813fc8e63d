import type { TopicRound } from '@shared/evaluation'
import { entropyBits, mean, std } from '../statistics'

/**
 * Our default list of counseling topics, grouped in categories. Ids are stable
 * (`category.topic`) and are what results store; labels are for prompts and display.
 * Change a label freely, never an id; bump `version` when the list changes.
 */

export interface TopicCategory {
  id: string
  zh: string
  en: string
}

export interface Topic {
  id: string
  category: string
  zh: string
  en: string
}

export interface TopicTaxonomy {
  version: string
  categories: TopicCategory[]
  topics: Topic[]
}

type Leaf = [id: string, zh: string, en: string]
const GROUPS: [TopicCategory, Leaf[]][] = [
  [
    { id: 'emotion', zh: '情绪困扰', en: 'Emotional distress' },
    [
      ['depression', '情绪低落与抑郁', 'Low mood and depression'],
      ['anxiety', '焦虑与担忧', 'Anxiety and worry'],
      ['panic', '惊恐发作', 'Panic attacks'],
      ['anger', '愤怒与情绪失控', 'Anger and losing control'],
      ['loneliness', '孤独感', 'Loneliness'],
      ['guilt_shame', '内疚与羞耻', 'Guilt and shame'],
    ],
  ],
  [
    { id: 'relationships', zh: '恋爱与婚姻', en: 'Romantic relationships' },
    [
      ['breakup', '分手与失恋', 'Breakup'],
      ['conflict', '伴侣冲突', 'Conflict with a partner'],
      ['infidelity', '出轨与背叛', 'Infidelity and betrayal'],
      ['dating', '择偶与脱单', 'Dating and finding a partner'],
      ['long_distance', '异地恋', 'Long-distance relationship'],
      ['unrequited', '单恋与暗恋', 'Unrequited love'],
      ['marriage', '婚姻困扰', 'Marriage difficulties'],
      ['divorce', '离婚与分居', 'Divorce and separation'],
    ],
  ],
  [
    { id: 'family', zh: '家庭关系', en: 'Family' },
    [
      ['parent_conflict', '与父母的冲突', 'Conflict with parents'],
      ['parental_pressure', '父母的期望与控制', 'Parental expectations and control'],
      ['parenting', '养育子女的困扰', 'Raising children'],
      ['siblings', '兄弟姐妹关系', 'Siblings'],
      ['in_laws', '婆媳与姻亲关系', 'In-laws'],
      ['caregiving', '照护家人的负担', 'Caring for an ill or elderly relative'],
      ['domestic_violence', '家庭暴力', 'Domestic violence'],
      ['family_of_origin', '原生家庭与童年经历', 'Family of origin and childhood'],
    ],
  ],
  [
    { id: 'work', zh: '工作与职业', en: 'Work and career' },
    [
      ['stress', '工作压力与倦怠', 'Work stress and burnout'],
      ['career_choice', '职业选择与发展', 'Career choice and direction'],
      ['job_loss', '失业与求职', 'Job loss and job hunting'],
      ['colleagues', '职场人际关系', 'Relationships at work'],
      ['work_life_balance', '工作与生活的平衡', 'Work–life balance'],
    ],
  ],
  [
    { id: 'study', zh: '学业与校园', en: 'Study and school' },
    [
      ['exams', '考试焦虑', 'Exam nerves'],
      ['academic_pressure', '学业压力', 'Academic pressure'],
      ['procrastination', '拖延与学习动力', 'Procrastination and motivation'],
      ['further_study', '升学与专业选择', 'Choosing further study or a major'],
      ['adjustment', '校园适应', 'Adjusting to school or university'],
      ['bullying', '校园霸凌', 'Bullying at school'],
    ],
  ],
  [
    { id: 'social', zh: '人际与社交', en: 'Social life' },
    [
      ['social_anxiety', '社交焦虑', 'Social anxiety'],
      ['friendship', '友谊问题', 'Friendship problems'],
      ['belonging', '融入群体与归属感', 'Fitting in and belonging'],
      ['communication', '沟通与表达', 'Communication and assertiveness'],
      ['trust', '难以信任他人', 'Difficulty trusting others'],
    ],
  ],
  [
    { id: 'self', zh: '自我与成长', en: 'Self and growth' },
    [
      ['self_esteem', '自卑与自我价值', 'Low self-esteem'],
      ['identity', '自我认同与迷茫', 'Identity and feeling lost'],
      ['perfectionism', '完美主义', 'Perfectionism'],
      ['body_image', '外貌与身材焦虑', 'Body image'],
      ['meaning', '人生方向与意义', 'Life direction and meaning'],
      ['indecision', '选择困难', 'Indecision'],
    ],
  ],
  [
    { id: 'health', zh: '身心健康', en: 'Health' },
    [
      ['sleep', '睡眠问题', 'Sleep problems'],
      ['illness', '身体疾病带来的困扰', 'Living with physical illness'],
      ['eating', '进食问题', 'Eating problems'],
      ['somatic', '压力引起的躯体不适', 'Stress-related bodily complaints'],
      ['obsessions', '强迫思维与行为', 'Obsessive thoughts and compulsions'],
    ],
  ],
  [
    { id: 'loss', zh: '丧失与创伤', en: 'Loss and trauma' },
    [
      ['grief', '丧亲与哀伤', 'Bereavement and grief'],
      ['pet_loss', '失去宠物', 'Losing a pet'],
      ['trauma', '创伤经历', 'Traumatic experiences'],
      ['sexual_violence', '性骚扰与性侵害', 'Sexual harassment and assault'],
    ],
  ],
  [
    { id: 'risk', zh: '危机', en: 'Crisis' },
    [
      ['suicidal', '自杀念头', 'Suicidal thoughts'],
      ['self_harm', '自伤行为', 'Self-harm'],
    ],
  ],
  [
    { id: 'behavior', zh: '行为与成瘾', en: 'Habits and addiction' },
    [
      ['screen', '游戏、手机与网络沉迷', 'Excessive gaming, phone or internet use'],
      ['substance', '烟酒与物质使用', 'Alcohol, smoking and drugs'],
      ['gambling', '赌博', 'Gambling'],
    ],
  ],
  [
    { id: 'sexuality', zh: '性与性别', en: 'Sexuality and gender' },
    [
      ['orientation', '性取向', 'Sexual orientation'],
      ['gender_identity', '性别认同', 'Gender identity'],
      ['sexual_concerns', '性生活困扰', 'Concerns about sex'],
    ],
  ],
  [
    { id: 'life', zh: '生活事件', en: 'Life events' },
    [
      ['money', '经济压力', 'Money worries'],
      ['relocation', '搬迁与适应新环境', 'Moving to a new place'],
      ['transition', '人生阶段的转变', 'Life-stage transitions'],
      ['pregnancy', '怀孕与生育', 'Pregnancy and having children'],
      ['discrimination', '歧视与不公对待', 'Discrimination and unfair treatment'],
    ],
  ],
  [{ id: 'other', zh: '其他', en: 'Other' }, [['unlisted', '以上都不符合', 'None of the listed topics']]],
]

export const DEFAULT_TAXONOMY: TopicTaxonomy = {
  version: 'topics.v1',
  categories: GROUPS.map(([category]) => category),
  topics: GROUPS.flatMap(([category, leaves]) =>
    leaves.map(([leaf, zh, en]) => ({ id: `${category.id}.${leaf}`, category: category.id, zh, en })),
  ),
}

/** Problems that would make answers ambiguous: duplicate ids or labels, malformed ids. Empty = fine. */
export function checkTaxonomy(taxonomy: TopicTaxonomy): string[] {
  const problems: string[] = []
  const categories = new Set(taxonomy.categories.map((c) => c.id))
  const seen = new Map<string, string>()
  for (const t of taxonomy.topics) {
    if (!/^[a-z0-9_]+\.[a-z0-9_]+$/.test(t.id)) problems.push(`${t.id}: ids look like "category.topic" (a-z, 0-9, _)`)
    if (!categories.has(t.category) || !t.id.startsWith(`${t.category}.`))
      problems.push(`${t.id}: not in a listed category`)
    for (const key of [t.id, t.zh, t.en.toLowerCase()]) {
      const other = seen.get(key)
      if (other !== undefined && other !== t.id) problems.push(`${t.id}: "${key}" is also used by ${other}`)
      seen.set(key, t.id)
    }
  }
  if (new Set(taxonomy.topics.map((t) => t.id)).size !== taxonomy.topics.length) problems.push('duplicate topic ids')
  return problems
}

/**
 * One round's labels (null = the classifier failed on that dialogue) as counts and their entropy (NaN with no label at
 * all).
 */
export function topicRound(round: number, labels: Iterable<string | null>): TopicRound {
  const counts: Record<string, number> = {}
  let failures = 0
  for (const label of labels) {
    if (label === null) failures++
    else counts[label] = (counts[label] ?? 0) + 1
  }
  return { round, counts, entropyBits: entropyBits(Object.values(counts)), failures }
}

/** Mean and sample standard deviation of the rounds' entropies; a round without any label has none and is left out. */
export function topicEntropySummary(rounds: TopicRound[]): { mean: number; std: number } {
  const xs = rounds.map((r) => r.entropyBits).filter(Number.isFinite)
  return { mean: mean(xs), std: std(xs) }
}
