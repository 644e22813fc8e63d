import { agentSampling } from '@shared/agentSettings'
import { MAGNET_SPECIALISTS, type MagnetAgent, type MagnetSettings } from '@shared/counselors/magnet'
import type { TraceStep } from '@shared/dialogue'
import { fillTemplate } from '../../../prompts/defaultTemplates'
import type { Agent } from '../../agents'
import { callAgent, refinedReply, replyStep } from '../agentCall'
import { sessionPlan } from '../cbtPlan'
import type { CounselorEngine } from '../engine'
import { seedContext } from '../seedContext'
import { transcript } from '../transcript'
import { cleanDraft, parseSpecialists, SPECIALIST_NAMES } from './specialists'

/**
 * MAGneT's counselor. Once per session the plan agent picks a CBT technique and writes a plan (kept in the session's
 * state). Every turn the five specialists draft a reply each from the client information, the reason for counseling
 * and the history, while the technique agent picks which of them the reply should use (it does not need the drafts,
 * so all six run at once); the composer then merges the drafts into the reply, through the run's refinement. The
 * reply's trace keeps every call.
 */
export const magnetEngine: CounselorEngine<MagnetSettings> = (env): Agent => {
  const s = env.settings
  const sampling = (agent: MagnetAgent) => agentSampling(env.sampling, s.agents[agent])
  const names = SPECIALIST_NAMES[env.language]
  const list = (items: string[]) => items.join(env.language === 'zh' ? '、' : ', ')
  return {
    speaker: 'counselor',
    async reply(context) {
      const plan = s.cbtPlan ? await sessionPlan(env, context) : null
      const started = performance.now()
      const { clientInformation, reasonForCounseling } = seedContext(env.card, env.language)
      const history = transcript(context.history, env.language)
      const planInputs: Record<string, string> = plan ? { technique: plan.technique, plan: plan.plan } : {}

      const drafting = Promise.all(
        MAGNET_SPECIALISTS.map(async (agent) => {
          const step = await callAgent(env, context, {
            agent,
            purpose: `magnet.${agent}`,
            sampling: sampling(agent),
            prompt: fillTemplate(env.template(agent), {
              client_information: clientInformation,
              reason_for_counseling: reasonForCounseling,
              history,
            }),
          })
          return s.cleanDrafts ? { ...step, content: cleanDraft(step.content) } : step
        }),
      )
      const choosing = s.techniqueAgent
        ? callAgent(env, context, {
            agent: 'technique',
            purpose: 'magnet.technique',
            sampling: sampling('technique'),
            prompt: fillTemplate(env.template('technique'), { ...planInputs, history }),
          }).then((step): TraceStep => {
            const chosen = parseSpecialists(step.content)
            return chosen.length > 0
              ? { ...step, parsed: chosen }
              : { ...step, parsed: [...MAGNET_SPECIALISTS], note: 'no technique named: all five used' }
          })
        : Promise.resolve(null)
      const [drafts, technique] = await Promise.all([drafting, choosing])

      const candidates = drafts.map((d) => `${names[d.agent as keyof typeof names]}: ${d.content}`).join('\n')
      const inputs: Record<string, string> = technique
        ? { candidates, selected: list((technique.parsed ?? []).map((a) => names[a as keyof typeof names])) }
        : { candidates, ...planInputs, history }
      const composed = await refinedReply(env, context, {
        purpose: 'magnet.composer',
        sampling: sampling('composer'),
        prompt: fillTemplate(env.template('composer'), inputs),
      })

      const steps = [...drafts, ...(technique ? [technique] : []), replyStep('composer', composed)]
      const sum = (f: (x: TraceStep) => number | null) => steps.reduce((n, x) => n + (f(x) ?? 0), 0)
      return {
        ...composed,
        latencyMs: Math.round(performance.now() - started),
        promptTokens: sum((x) => x.promptTokens),
        completionTokens: sum((x) => x.completionTokens),
        trace: { method: 'magnet', steps },
      }
    },
  }
}
