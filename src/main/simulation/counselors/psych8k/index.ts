import type { Psych8kSettings } from '@shared/counselors/psych8k'
import { fillTemplate } from '../../../prompts/defaultTemplates'
import { refinedReply, replyStep } from '../agentCall'
import type { CounselorEngine } from '../engine'
import { transcript } from '../transcript'

/** The Psych8k counselor: one prompt per turn from the history alone. */
export const psych8kEngine: CounselorEngine<Psych8kSettings> = (env) => ({
  speaker: 'counselor',
  async reply(context) {
    const reply = await refinedReply(env, context, {
      purpose: 'psych8k.counselor',
      sampling: env.sampling,
      prompt: fillTemplate(env.template('counselor'), { history: transcript(context.history, env.language) }),
    })
    return { ...reply, trace: { method: 'psych8k', steps: [replyStep('counselor', reply)] } }
  },
})
