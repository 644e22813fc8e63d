import { BIG_FIVE, type Level, type RoleCardData, type Trait } from '@shared/roleCard'

/**
 * The role card as the client agent reads it inside its system prompt. The
 * editor's preview shows this exact text, so what a counselor designs is what
 * the simulated client is told. Empty fields are left out rather than shown blank.
 */
const LABELS = {
  zh: {
    name: '姓名',
    gender: '性别',
    age: '年龄',
    education: '学历',
    occupation: '职业',
    maritalStatus: '婚姻状况',
    family: '家庭关系',
    personality: '人格特质（大五）',
    resistance: '对咨询的阻抗',
    complaint: '主诉',
    openness: '开放性',
    conscientiousness: '尽责性',
    extraversion: '外向性',
    agreeableness: '宜人性',
    neuroticism: '神经质',
    ageUnit: '岁',
    sep: '：',
    list: '；',
    levels: { low: '低', somewhat_low: '较低', medium: '中等', somewhat_high: '较高', high: '高' },
  },
  en: {
    name: 'Name',
    gender: 'Gender',
    age: 'Age',
    education: 'Education',
    occupation: 'Occupation',
    maritalStatus: 'Marital status',
    family: 'Family relationships',
    personality: 'Personality (Big Five)',
    resistance: 'Resistance to counseling',
    complaint: 'Chief complaint',
    openness: 'Openness',
    conscientiousness: 'Conscientiousness',
    extraversion: 'Extraversion',
    agreeableness: 'Agreeableness',
    neuroticism: 'Neuroticism',
    ageUnit: '',
    sep: ': ',
    list: '; ',
    levels: {
      low: 'low',
      somewhat_low: 'somewhat low',
      medium: 'medium',
      somewhat_high: 'somewhat high',
      high: 'high',
    },
  },
} as const

export function renderRoleCardText(card: RoleCardData): string {
  const l = LABELS[card.language]
  const lines = profileLines(card, true)
  const complaint = [card.complaint.title, card.complaint.body].filter(Boolean).join('\n')
  lines.push(`${l.complaint}${l.sep}\n${complaint}`)
  return lines.join('\n')
}

/**
 * Who the client is, as an intake form gives it (a seed record's "client information" for cards without one): the
 * profile fields, without the complaint, the personality or the resistance the counselor has to find out.
 */
export const renderProfileText = (card: RoleCardData): string => profileLines(card, false).join('\n')

function profileLines(card: RoleCardData, withTraits: boolean): string[] {
  const l = LABELS[card.language]
  const trait = (t: Trait) =>
    [t.level ? l.levels[t.level as Level] : '', t.description]
      .filter(Boolean)
      .join(card.language === 'zh' ? '，' : ', ')
  const lines: string[] = []
  const field = (label: string, value: string | number | null) => {
    if (value !== null && String(value).trim() !== '') lines.push(`${label}${l.sep}${value}`)
  }
  field(l.name, card.name)
  field(l.gender, card.gender)
  field(l.age, card.age === null ? null : `${card.age}${l.ageUnit}`)
  field(l.education, card.education)
  field(l.occupation, card.occupation)
  field(l.maritalStatus, card.maritalStatus)
  field(l.family, card.family)
  if (!withTraits) return lines
  const traits = BIG_FIVE.filter((k) => trait(card.bigFive[k])).map((k) => `${l[k]}${l.sep}${trait(card.bigFive[k])}`)
  if (traits.length) lines.push(`${l.personality}${l.sep}${traits.join(l.list)}`)
  field(l.resistance, trait(card.resistance))
  return lines
}
