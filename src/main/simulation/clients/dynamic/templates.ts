import { DYNAMIC_CLIENT_TEMPLATE_IDS } from '@shared/clients/dynamic'
import type { DefaultTemplate } from '../../../prompts/defaultTemplates'

/*
 * The dynamic client's templates, our own wording. The judge reads the counselor's last reply and gives the client's
 * new state as JSON; the turn instruction is added to the client's system prompt every turn.
 */
const STATE_EN = `You are tracking how a counseling client feels during a session. The client:

{{role_card}}

Their state before the counselor's last reply (trust and emotional intensity from 0 to 10):
trust {{trust}}, emotional intensity {{emotion}}, stage of change {{stage}}.

The conversation so far:
{{history}}

The counselor's last reply:
{{counselor_reply}}

Judge how this reply changes the client's state. Trust grows when the client feels heard and respected, and drops when it feels judged, pushed or misunderstood. Emotional intensity rises when something painful is touched or the client feels pressed, and falls when it feels calmer. The stage of change is one of precontemplation, contemplation, preparation, action, maintenance; it moves slowly.

Answer with one JSON object and nothing else, for example {"trust": 4.5, "emotion": 6, "stage": "contemplation"}.`

const STATE_ZH = `你要跟踪一位心理咨询来访者在咨询过程中的状态。来访者的资料：

{{role_card}}

咨询师上一句话之前，来访者的状态（信任度和情绪强度都是 0 到 10）：
信任度 {{trust}}，情绪强度 {{emotion}}，改变阶段 {{stage}}。

目前的对话：
{{history}}

咨询师刚才说的话：
{{counselor_reply}}

请判断这句话让来访者的状态发生了怎样的变化。来访者感到被倾听、被尊重时信任会上升，感到被评判、被催促或被误解时信任会下降。触及痛处或感到压力时情绪强度上升，平静下来时下降。改变阶段是 precontemplation、contemplation、preparation、action、maintenance 之一，变化通常很慢。

只回答一个 JSON 对象，不要写别的内容，例如 {"trust": 4.5, "emotion": 6, "stage": "contemplation"}。`

const TURN_EN = `How you are right now (this changes as the session goes on):
- Trust in the counselor: {{trust}} of 10. The lower it is, the more guarded and brief you are; the higher, the more openly you talk.
- Emotional intensity: {{emotion}} of 10. Let it show in how you speak.
- Where you stand on changing: {{stage}}.
Things you are now ready to share if the conversation comes near them:
{{disclosed}}
In this reply: {{resistance}}`

const TURN_ZH = `你此刻的状态（会随着咨询的进行而变化）：
- 对咨询师的信任：{{trust}}/10。信任越低，你越戒备、话越少；信任越高，你越愿意敞开说。
- 情绪强度：{{emotion}}/10。让它体现在你说话的方式里。
- 你对改变的态度：{{stage}}。
如果谈话涉及下面这些事，你现在愿意说出来：
{{disclosed}}
这一次回复：{{resistance}}`

export const DYNAMIC_CLIENT_TEMPLATES: DefaultTemplate[] = [
  {
    id: DYNAMIC_CLIENT_TEMPLATE_IDS.state,
    kind: 'method',
    name: 'Dynamic client · state judge',
    en: STATE_EN,
    zh: STATE_ZH,
  },
  { id: DYNAMIC_CLIENT_TEMPLATE_IDS.turn, kind: 'method', name: 'Dynamic client · turn', en: TURN_EN, zh: TURN_ZH },
]

/** Words the turn instruction is filled with. */
export const TURN_WORDS = {
  en: {
    noFacts: '- (nothing beyond what your profile says)',
    noResistance: 'answer as yourself, without any particular resistance.',
    stages: {
      precontemplation: 'you do not see a need to change',
      contemplation: 'you are in two minds about changing',
      preparation: 'you are getting ready to change',
      action: 'you are trying to change',
      maintenance: 'you are keeping up a change you made',
    },
  },
  zh: {
    noFacts: '- （资料之外没有别的）',
    noResistance: '照你自己的样子回答，不需要特别的阻抗。',
    stages: {
      precontemplation: '你觉得自己不需要改变',
      contemplation: '你对要不要改变还很矛盾',
      preparation: '你在准备做出改变',
      action: '你正在尝试改变',
      maintenance: '你在维持已经做出的改变',
    },
  },
} as const
