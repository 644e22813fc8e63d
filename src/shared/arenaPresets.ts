import type { Contestant, LlmReferee } from './arena'
import type { TranscriptSettings } from './counselors/transcript'
import { TEMPLATE_IDS } from './templateIds'

/**
 * The Interactive Agents (2024) arena as released (auto_chat_LLM_as_a_judge.py, bot/*.py): the model under test in
 * every dialogue with 2 of the other contestants, an answer-only referee at temperature 1.0 with 10 tokens, and a
 * simulated client limited to 100 tokens. What it sets, and how each released baseline was called.
 */
export const INTERACTIVE_AGENTS_PRESET = {
  id: 'interactive-agents-2024',
  k: 3,
  /** The first contestant is the model under test (in every dialogue). */
  focal: 'first' as const,
  referee: { answerMode: 'letter', temperature: 1, maxTokens: 10 } satisfies Partial<LlmReferee>,
  clientMaxTokens: 100,
} as const

/** Our own wording of an instruction around a flattened transcript (the released wrapper's text is not reproduced). */
export const TRANSCRIPT_WRAPPER_ZH =
  '下面是一段心理咨询对话。请你作为心理咨询师，接着对话写出你的下一句回复。\n\n{{transcript}}'

type Adapter = Pick<Contestant, 'temperature' | 'topP' | 'maxTokens'> & {
  method?: TranscriptSettings
  /** Chat models: a counselor template as the system prompt. */
  templateId?: string
  /** The name the preset gives a contestant with this adapter. */
  name: string
}

const transcript = (s: Omit<TranscriptSettings, 'kind'>): TranscriptSettings => ({ kind: 'transcript', ...s })

/** MeChat and PsyChat (ChatGLM-style `.chat`): one flattened transcript in a wrapper instruction, 0.8 / 0.8. */
const chatGlmStyle = (name: string) => ({
  name,
  method: transcript({ clientLabel: '来访者：', counselorLabel: '咨询师：', cue: '', wrapper: TRANSCRIPT_WRAPPER_ZH }),
  temperature: 0.8,
  topP: 0.8,
  maxTokens: null,
})

/**
 * How the release called each model, as a contestant's method and sampling. MeChat and PsyChat (ChatGLM `.chat`
 * without history): one flattened transcript in a wrapper instruction, temperature 0.8, top_p 0.8. SoulChat: labels
 * 用户：/心理咨询师：, temperature 0.95, top_p 0.75. CPsyCounX: labels 来访者：/心理咨询师： with the cue 咨询师：.
 * simpsybot D / Q (fine-tuned on SimPsyDial): chat with the counselor system prompt, 100 / 512 new tokens.
 */
export const RELEASED_ADAPTERS = {
  'simpsybot-d': {
    name: 'simpsybot_D',
    templateId: TEMPLATE_IDS.counselor,
    temperature: null,
    topP: null,
    maxTokens: 100,
  },
  'simpsybot-q': {
    name: 'simpsybot_Q',
    templateId: TEMPLATE_IDS.counselor,
    temperature: null,
    topP: null,
    maxTokens: 512,
  },
  mechat: chatGlmStyle('MeChat'),
  psychat: chatGlmStyle('PsyChat'),
  soulchat: {
    name: 'SoulChat',
    method: transcript({ clientLabel: '用户：', counselorLabel: '心理咨询师：', cue: '心理咨询师：', wrapper: '' }),
    temperature: 0.95,
    topP: 0.75,
    maxTokens: null,
  },
  cpsycounx: {
    name: 'CPsyCounX',
    method: transcript({ clientLabel: '来访者：', counselorLabel: '心理咨询师：', cue: '咨询师：', wrapper: '' }),
    temperature: null,
    topP: null,
    maxTokens: null,
  },
} as const satisfies Record<string, Adapter>
export type ReleasedAdapterId = keyof typeof RELEASED_ADAPTERS
export const RELEASED_ADAPTER_IDS = Object.keys(RELEASED_ADAPTERS) as ReleasedAdapterId[]

/** The preset's contestants: the model under test first (focal), then the four released baselines. */
export const PRESET_LINEUP: ReleasedAdapterId[] = ['simpsybot-d', 'mechat', 'psychat', 'soulchat', 'cpsycounx']

/** A contestant called the way the release called this model (its name and endpoint are the caller's). */
export function withAdapter<C extends Pick<Contestant, 'prompt' | 'temperature' | 'topP' | 'maxTokens' | 'method'>>(
  contestant: C,
  id: ReleasedAdapterId,
): C {
  const a: Adapter = RELEASED_ADAPTERS[id]
  const { method: _method, ...rest } = contestant
  return {
    ...rest,
    temperature: a.temperature,
    topP: a.topP,
    maxTokens: a.maxTokens,
    ...(a.templateId ? { prompt: { kind: 'template', templateId: a.templateId } } : {}),
    ...(a.method ? { method: { ...a.method } } : {}),
  } as C
}

const shape = (c: Pick<Contestant, 'prompt' | 'temperature' | 'topP' | 'maxTokens' | 'method'>) => {
  const method = c.method as Record<string, unknown> | undefined
  return JSON.stringify([
    c.prompt,
    c.temperature,
    c.topP,
    c.maxTokens,
    method
      ? Object.keys(method)
          .sort()
          .map((k) => [k, method[k]])
      : null,
  ])
}

/** Which released adapter a contestant matches exactly, if any (for showing the quick choice as selected). */
export function adapterOf(
  contestant: Pick<Contestant, 'prompt' | 'temperature' | 'topP' | 'maxTokens' | 'method'>,
): ReleasedAdapterId | null {
  return RELEASED_ADAPTER_IDS.find((id) => shape(withAdapter(contestant, id)) === shape(contestant)) ?? null
}
