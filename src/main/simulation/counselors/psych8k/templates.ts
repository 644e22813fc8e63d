import { PSYCH8K_TEMPLATE_ID } from '@shared/counselors/psych8k'
import type { DefaultTemplate } from '../../../prompts/defaultTemplates'

/* The Psych8k counselor, in our own words after the method's published rule: answer from the history alone. */
const COUNSELOR_EN = `You are a counselor. Going by what the client has described in the conversation below, answer as a caring, professional counselor would: show that you understand how they feel, and help them think their situation through.

The conversation so far:
{{history}}

Write only your next reply as the counselor, a few natural sentences, with no label.`

const COUNSELOR_ZH = `你是一位心理咨询师。请根据来访者在下面对话中的描述，像一位关怀来访者、专业的咨询师那样回应：让对方感到自己的感受被理解，并帮助对方把处境想清楚。

目前的对话：
{{history}}

只写出你作为咨询师的下一句回复，几句自然的话，不加标签。`

export const PSYCH8K_TEMPLATES: DefaultTemplate[] = [
  { id: PSYCH8K_TEMPLATE_ID, kind: 'method', name: 'Psych8k · counselor', en: COUNSELOR_EN, zh: COUNSELOR_ZH },
]
