import { TEMPLATE_IDS } from '@shared/templateIds'
import type { DefaultTemplate } from '../../prompts/defaultTemplates'

/*
 * Follow-up sessions, in our own words. After a session that has a next one, the summary prompt asks for a short
 * session note ({{transcript}}, {{previous_summary}}, {{session_index}}); the next session's client and counselor get
 * it through their context blocks ({{session_index}}, {{previous_index}}, {{summary}}), added to what their method
 * already sends.
 */

const SUMMARY_ZH = `你是一位心理咨询师，刚刚结束了与这位来访者的第 {{session_index}} 次咨询。请为下一次咨询写一份简短的会谈记录。

此前各次咨询的记录：
{{previous_summary}}

本次咨询的对话：
{{transcript}}

请用三段写成，每段以标题开头：
讨论内容：这次谈了哪些问题、来访者说出了哪些重要的经历和想法。
计划与作业：双方约定的目标、下次要继续的方向，以及来访者在两次咨询之间要尝试的事情（没有就写“无”）。
来访者状态：结束时来访者的情绪、对咨询的态度，以及需要留意的风险。
只写记录本身，不超过 250 字，不要加入对话里没有的内容。`

const SUMMARY_EN = `You are a counselor who has just finished session {{session_index}} with this client. Write a short session note to prepare the next session.

Notes from the earlier sessions:
{{previous_summary}}

This session's conversation:
{{transcript}}

Write three short paragraphs, each starting with its heading:
Discussed: the problems talked about and the important experiences and thoughts the client shared.
Plan and homework: the goals agreed, where the next session should pick up, and anything the client will try before then ("none" if nothing).
Client's state: how the client felt at the end, their attitude toward counseling, and any risk to keep an eye on.
Write only the note, at most 180 words, and add nothing the conversation does not support.`

const CLIENT_ZH = `这是你接受咨询的第 {{session_index}} 次会谈，你和这位咨询师之前已经见过面。下面是第 {{previous_index}} 次会谈后的记录：
{{summary}}
请接着上次的内容来谈：记得你们谈过什么、约定过什么，如实说说这段时间里你做了哪些尝试、感觉怎么样，不要像第一次见面那样重新介绍自己。`

const CLIENT_EN = `This is session {{session_index}} of your counseling; you have met this counselor before. Here is the note from session {{previous_index}}:
{{summary}}
Continue from there: remember what you talked about and agreed on, say honestly what you tried since and how it went, and do not introduce yourself again as if it were your first meeting.`

const COUNSELOR_ZH = `这是你与这位来访者的第 {{session_index}} 次咨询。下面是你在第 {{previous_index}} 次咨询后写的记录：
{{summary}}
请在此基础上继续：先简单回顾上次的内容，了解来访者这段时间的变化和作业完成情况，再沿着约定的计划推进，不要重新从头收集资料。`

const COUNSELOR_EN = `This is session {{session_index}} with this client. Here is the note you wrote after session {{previous_index}}:
{{summary}}
Build on it: briefly review the last session, ask how the client has been and how the homework went, then continue along the agreed plan rather than starting the intake over.`

export const SESSION_TEMPLATES: DefaultTemplate[] = [
  {
    id: TEMPLATE_IDS.sessionSummary,
    kind: 'session',
    name: 'Session summary (follow-up sessions)',
    zh: SUMMARY_ZH,
    en: SUMMARY_EN,
  },
  {
    id: TEMPLATE_IDS.sessionClient,
    kind: 'session',
    name: 'Client: previous session (follow-up sessions)',
    zh: CLIENT_ZH,
    en: CLIENT_EN,
  },
  {
    id: TEMPLATE_IDS.sessionCounselor,
    kind: 'session',
    name: 'Counselor: previous session (follow-up sessions)',
    zh: COUNSELOR_ZH,
    en: COUNSELOR_EN,
  },
]

/** The templates a run with follow-up sessions pins. */
export const SESSION_TEMPLATE_IDS = SESSION_TEMPLATES.map((t) => t.id)
