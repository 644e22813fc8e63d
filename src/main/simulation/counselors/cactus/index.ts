import { agentSampling } from '@shared/agentSettings'
import type { CactusSettings } from '@shared/counselors/cactus'
import { fillTemplate } from '../../../prompts/defaultTemplates'
import { refinedReply, replyStep } from '../agentCall'
import { PLAN_STATE, sessionPlan } from '../cbtPlan'
import type { CounselorEngine } from '../engine'
import { seedContext } from '../seedContext'
import { transcript } from '../transcript'

/**
 * The CACTUS counselor: MAGneT's plan step once per session, then one prompt per turn with the client information, the
 * reason for counseling, the plan and the history. The trace names the plan the reply followed (its call is the
 * session's, kept in its state) and the turn's call.
 */
export const cactusEngine: CounselorEngine<CactusSettings> = (env) => ({
  speaker: 'counselor',
  async reply(context) {
    const plan = await sessionPlan(env, context)
    const { clientInformation, reasonForCounseling } = seedContext(env.card, env.language)
    const reply = await refinedReply(env, context, {
      purpose: 'cactus.counselor',
      sampling: agentSampling(env.sampling, env.settings.agents.counselor),
      prompt: fillTemplate(env.template('counselor'), {
        client_information: clientInformation,
        reason_for_counseling: reasonForCounseling,
        technique: plan.technique,
        plan: plan.plan,
        history: transcript(context.history, env.language),
      }),
    })
    const planReference = {
      agent: 'plan',
      content: plan.plan,
      parsed: [plan.technique],
      model: null,
      latencyMs: null,
      promptTokens: null,
      completionTokens: null,
      note: `the session's plan (${PLAN_STATE.plan}), made once`,
    }
    return { ...reply, trace: { method: 'cactus', steps: [planReference, replyStep('counselor', reply)] } }
  },
})
