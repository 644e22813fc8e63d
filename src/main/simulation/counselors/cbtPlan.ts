import { agentSampling } from '@shared/agentSettings'
import type { CactusSettings } from '@shared/counselors/cactus'
import { CBT_TECHNIQUES, type MagnetSettings } from '@shared/counselors/magnet'
import type { TraceStep } from '@shared/dialogue'
import { fillTemplate } from '../../prompts/defaultTemplates'
import type { TurnContext } from '../agents'
import { callAgent } from './agentCall'
import type { CounselorEnv } from './engine'
import { seedContext } from './seedContext'
import { transcript } from './transcript'

/** Where a session keeps its plan (the first two are the keys of the released MAGneT sessions). */
export const PLAN_STATE = { technique: 'cbt_technique', plan: 'cbt_plan', step: 'cbt_plan_step' } as const

export interface CbtPlan {
  technique: string
  plan: string
}

/** Answers without a readable technique are asked for again this many times before the dialogue fails. */
export const PLAN_RESAMPLES = 2

/** Other names answers use for the techniques (Chinese names, spelling variants); matched like the names. */
const ALIASES: Record<(typeof CBT_TECHNIQUES)[number], string[]> = {
  'Efficiency Evaluation': ['效率评估', '有效性评估'],
  'Pie Chart Technique': ['Pie Chart', '饼图'],
  'Alternative Perspective': ['Alternative Perspectives', '替代视角', '换个角度', '替代观点'],
  Decatastrophizing: ['Decatastrophising', 'De-catastrophizing', '去灾难化', '去灾难'],
  'Pros and Cons Analysis': ['Pros and Cons', 'Pros & Cons', '利弊分析'],
  'Evidence-Based Questioning': ['Evidence Based Questioning', '基于证据的提问', '证据检验', '证据提问'],
  'Reality Testing': ['现实检验'],
  'Continuum Technique': ['Continuum', '连续体'],
  'Changing Rules to Wishes': [
    'Changing Rules into Wishes',
    'Rules to Wishes',
    '规则变愿望',
    '把规则变成愿望',
    '规则转为愿望',
  ],
  'Behavior Experiment': ['Behavioral Experiment', 'Behaviour Experiment', 'Behavioural Experiment', '行为实验'],
  'Problem-Solving Skills Training': ['Problem Solving Skills Training', 'Problem-Solving Training', '问题解决'],
  'Systematic Exposure': ['系统暴露', '系统性暴露'],
}

/** Lower case, "&" as "and", and nothing but letters, digits and Chinese characters. */
export const matchKey = (text: string) =>
  text
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9\u3400-\u9fff]/g, '')

const TECHNIQUE_LINE = /^\s*[*#>\-\s]*(?:cbt\s*)?(?:technique|技术|认知行为技术|所选技术)[*\s]*[:：]/im
const PLAN_LINE = /^\s*[*#>\-\s]*(?:counsell?ing\s*)?(?:plan|计划|咨询计划)[*\s]*[:：]/im

/** The one technique an answer names (its labelled line first, else the earliest name in it), or null. */
export function parseTechnique(answer: string): string | null {
  const line = TECHNIQUE_LINE.exec(answer)
  const labelled = line ? answer.slice(line.index).split('\n')[0] : null
  return (labelled && earliestTechnique(labelled)) || earliestTechnique(answer)
}

function earliestTechnique(text: string): string | null {
  const key = matchKey(text)
  let best: { at: number; technique: string } | null = null
  for (const technique of CBT_TECHNIQUES) {
    for (const name of [technique, ...ALIASES[technique]]) {
      const at = key.indexOf(matchKey(name))
      if (at >= 0 && (!best || at < best.at)) best = { at, technique }
    }
  }
  return best?.technique ?? null
}

/** The plan part of an answer: after its "Plan:" label, else the answer without the technique line. */
export function parsePlan(answer: string): string {
  const line = PLAN_LINE.exec(answer)
  if (line) return answer.slice(line.index + line[0].length).trim()
  const technique = TECHNIQUE_LINE.exec(answer)
  if (!technique) return answer.trim()
  const end = answer.indexOf('\n', technique.index)
  return (answer.slice(0, technique.index) + (end < 0 ? '' : answer.slice(end))).trim()
}

/** The session's plan as stored (resumed sessions keep theirs), or null before it is made. */
export function storedPlan(state: Record<string, unknown>): CbtPlan | null {
  const technique = state[PLAN_STATE.technique]
  const plan = state[PLAN_STATE.plan]
  return typeof technique === 'string' && typeof plan === 'string' ? { technique, plan } : null
}

/**
 * The CBT plan of the session (MAGneT, CACTUS): made once, by the plan agent, from the client information, the reason
 * for counseling and the dialogue so far, and stored at once with the call's step, so a resumed session never asks
 * again. An answer naming none of the techniques is asked for again (PLAN_RESAMPLES times), then the dialogue fails.
 */
export async function sessionPlan(
  env: CounselorEnv<MagnetSettings | CactusSettings>,
  context: TurnContext,
): Promise<CbtPlan> {
  const stored = storedPlan(env.state.get())
  if (stored) return stored
  const { clientInformation, reasonForCounseling } = seedContext(env.card, env.language)
  const prompt = fillTemplate(env.template('plan'), {
    cbt_techniques: CBT_TECHNIQUES.map((t) => `- ${t}`).join('\n'),
    client_information: clientInformation,
    reason_for_counseling: reasonForCounseling,
    history: transcript(context.history, env.language),
  })
  const sampling = agentSampling(env.sampling, env.settings.agents.plan)
  const answers: TraceStep[] = []
  for (let attempt = 0; attempt <= PLAN_RESAMPLES; attempt++) {
    const step = await callAgent(env, context, {
      agent: 'plan',
      purpose: `${env.settings.kind}.plan`,
      sampling,
      prompt,
    })
    answers.push(step)
    const technique = parseTechnique(step.content)
    if (!technique) continue
    const plan = parsePlan(step.content)
    const sum = (f: (s: TraceStep) => number | null) => answers.reduce((n, s) => n + (f(s) ?? 0), 0)
    const stored: TraceStep = {
      ...step,
      parsed: [technique],
      latencyMs: sum((s) => s.latencyMs),
      promptTokens: sum((s) => s.promptTokens),
      completionTokens: sum((s) => s.completionTokens),
      ...(answers.length > 1 && { note: `${answers.length - 1} answer(s) without a technique asked for again` }),
    }
    env.state.set({ [PLAN_STATE.technique]: technique, [PLAN_STATE.plan]: plan, [PLAN_STATE.step]: stored })
    return { technique, plan }
  }
  const last = answers[answers.length - 1].content
  throw new Error(
    `The CBT plan agent named none of the ${CBT_TECHNIQUES.length} CBT techniques in ${answers.length} answers ` +
      `(last answer: "${last.length > 200 ? `${last.slice(0, 200)}…` : last}").`,
  )
}
