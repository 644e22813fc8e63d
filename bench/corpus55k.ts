/**
 * The 55k corpus the scale benches use: SmileChat's full corpus when ../shared/ref-data holds it, else a synthetic
 * corpus of the same size (~11 messages a dialogue, Chinese built from common two-character words), as gzipped JSONL.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { uniformGenerator } from '../src/main/seededRandom'

export const SMILE_FULL = join(
  import.meta.dirname,
  '..',
  '..',
  'shared',
  'ref-data',
  'smile',
  'smilechat_full.jsonl.gz',
)

// Common two-character words (and a few single characters) of counselling talk.
const WORDS = (
  '焦虑 失眠 父母 工作 压力 朋友 学习 睡觉 考试 孩子 老师 同学 感觉 心情 事情 时候 问题 生活 身体 家人 ' +
  '担心 害怕 难过 开心 喜欢 希望 觉得 知道 可能 应该 已经 现在 以前 后来 每天 晚上 早上 周末 学校 公司 ' +
  '领导 同事 关系 沟通 情绪 状态 办法 建议 帮助 支持 理解 尝试 放松 休息 运动 吃饭 头疼 紧张 烦躁 孤独 ' +
  '分手 结婚 离婚 妈妈 爸爸 哥哥 姐姐 弟弟 妹妹 老公 老婆 男友 女友 未来 目标 成绩 作业 毕业 工资 房子 ' +
  '我 你 他 很 不 也 都 就 的 了 吗 呢 吧 啊'
).split(' ')

export function syntheticCorpus(n: number): Buffer {
  const random = uniformGenerator(14)
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]
  const line = () => {
    let text = ''
    const words = 6 + Math.floor(random() * 20)
    for (let i = 0; i < words; i++) text += pick(WORDS) + (random() < 0.15 ? pick(['，', '。', '？']) : '')
    return text
  }
  const lines: string[] = []
  for (let i = 0; i < n; i++) {
    const count = 9 + Math.floor(random() * 5)
    const messages = Array.from({ length: count }, (_, k) => ({
      role: k % 2 === 0 ? 'user' : 'assistant',
      content: line(),
    }))
    lines.push(JSON.stringify({ id: `s${i}`, messages }))
  }
  return gzipSync(Buffer.from(lines.join('\n')))
}

/** SmileChat's full corpus when it is here and asked for (`useSmile`), else the synthetic one of `dialogues`. */
export function corpus55k(dialogues: number, useSmile: boolean): { name: string; content: Buffer; smile: boolean } {
  if (useSmile && existsSync(SMILE_FULL) && dialogues === 55000)
    return { name: 'smilechat_full.jsonl.gz', content: readFileSync(SMILE_FULL), smile: true }
  return { name: 'synthetic.jsonl.gz', content: syntheticCorpus(dialogues), smile: false }
}
