/**
 * Writes a tiny llama-architecture GGUF model with random weights: a byte-fallback SentencePiece vocabulary of a few
 * hundred pieces, a ChatML chat template, two layers of 64 dimensions (about 0.6 MB). It answers gibberish; what it
 * proves is the path a real model takes (load, tokenizer, chat template, streaming, cancellation) without a download.
 *
 *   npx tsx scripts/tinyGguf.ts OUT.gguf
 *
 * The tests call `ensureTinyGguf()` at setup, which writes it once into the system's temp folder.
 * Format: GGUF version 3 (little endian): header, key/values, tensor infos, aligned tensor data (all F32 here).
 */
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { uniformGenerator } from '../src/main/seededRandom'

/** The model's shape; small enough to load in milliseconds, large enough to have every tensor a llama model has. */
export const TINY_SHAPE = { embd: 64, layers: 2, heads: 4, kvHeads: 2, ff: 128, contextLength: 2048 } as const

/** The ChatML template (our own spelling of the well-known format); node-llama-cpp recognises it. */
export const TINY_CHAT_TEMPLATE =
  "{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>\\n' }}" +
  "{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}"

const enum ValueType {
  UINT32 = 4,
  INT32 = 5,
  FLOAT32 = 6,
  BOOL = 7,
  STRING = 8,
  ARRAY = 9,
}
const enum TokenType {
  NORMAL = 1,
  UNKNOWN = 2,
  CONTROL = 3,
  BYTE = 6,
}
const ALIGNMENT = 32
const GGML_F32 = 0

type Value =
  | { type: 'u32'; value: number }
  | { type: 'f32'; value: number }
  | { type: 'bool'; value: boolean }
  | { type: 'str'; value: string }
  | { type: 'str[]'; value: string[] }
  | { type: 'f32[]'; value: number[] }
  | { type: 'i32[]'; value: number[] }

/** A growing little-endian byte buffer. */
class Writer {
  private chunks: Buffer[] = []
  length = 0
  private push(b: Buffer) {
    this.chunks.push(b)
    this.length += b.length
  }
  u32(n: number) {
    const b = Buffer.alloc(4)
    b.writeUInt32LE(n)
    this.push(b)
  }
  i32(n: number) {
    const b = Buffer.alloc(4)
    b.writeInt32LE(n)
    this.push(b)
  }
  u64(n: number) {
    const b = Buffer.alloc(8)
    b.writeBigUInt64LE(BigInt(n))
    this.push(b)
  }
  f32(n: number) {
    const b = Buffer.alloc(4)
    b.writeFloatLE(n)
    this.push(b)
  }
  str(s: string) {
    const bytes = Buffer.from(s, 'utf8')
    this.u64(bytes.length)
    this.push(bytes)
  }
  bytes(b: Buffer) {
    this.push(b)
  }
  pad(alignment: number) {
    const rest = this.length % alignment
    if (rest) this.push(Buffer.alloc(alignment - rest))
  }
  done(): Buffer {
    return Buffer.concat(this.chunks)
  }
}

function writeValue(w: Writer, v: Value) {
  switch (v.type) {
    case 'u32':
      w.u32(ValueType.UINT32)
      return w.u32(v.value)
    case 'f32':
      w.u32(ValueType.FLOAT32)
      return w.f32(v.value)
    case 'bool':
      w.u32(ValueType.BOOL)
      return w.bytes(Buffer.from([v.value ? 1 : 0]))
    case 'str':
      w.u32(ValueType.STRING)
      return w.str(v.value)
    case 'str[]':
      w.u32(ValueType.ARRAY)
      w.u32(ValueType.STRING)
      w.u64(v.value.length)
      return v.value.forEach((s) => w.str(s))
    case 'f32[]':
      w.u32(ValueType.ARRAY)
      w.u32(ValueType.FLOAT32)
      w.u64(v.value.length)
      return v.value.forEach((n) => w.f32(n))
    case 'i32[]':
      w.u32(ValueType.ARRAY)
      w.u32(ValueType.INT32)
      w.u64(v.value.length)
      return v.value.forEach((n) => w.i32(n))
  }
}

/** Control pieces first (their ids are fixed), then the 256 byte pieces, then ordinary pieces. */
function vocabulary() {
  const tokens: string[] = ['<unk>', '<s>', '</s>', '<|im_start|>', '<|im_end|>']
  const types: number[] = [
    TokenType.UNKNOWN,
    TokenType.CONTROL,
    TokenType.CONTROL,
    TokenType.CONTROL,
    TokenType.CONTROL,
  ]
  for (let b = 0; b < 256; b++) {
    tokens.push(`<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`)
    types.push(TokenType.BYTE)
  }
  const words = [
    'I',
    'you',
    'feel',
    'the',
    'and',
    'to',
    'a',
    'it',
    'is',
    'that',
    'my',
    'me',
    'not',
    'what',
    'how',
    'so',
    'but',
    'work',
    'sleep',
    'tired',
    'help',
    'think',
    'about',
    'really',
    'know',
    'just',
    'sorry',
    'yes',
    'no',
    'today',
  ]
  const chars = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,!?\'"-:;()我你的是不了在有人这'
  const pieces = ['▁', ...words.map((w) => `▁${w}`), ...Array.from(chars)]
  for (const piece of pieces) {
    tokens.push(piece)
    types.push(TokenType.NORMAL)
  }
  // Higher scores merge first: longer pieces win over their parts.
  const scores = tokens.map((t, i) => (types[i] === TokenType.NORMAL ? -i / 1000 + t.length : 0))
  return { tokens, types, scores, controls: 5 }
}

interface Tensor {
  name: string
  /** ne[0] first (the fastest-moving dimension), as GGUF stores it. */
  dims: number[]
  data: Float32Array
}

/** The bytes of the tiny model. */
export function tinyGgufBytes(seed = 17): Buffer {
  const { embd, layers, heads, kvHeads, ff, contextLength } = TINY_SHAPE
  const headDim = embd / heads
  const vocab = vocabulary()
  const nVocab = vocab.tokens.length
  const next = uniformGenerator(seed)
  const uniform = (n: number, scale: number) => Float32Array.from({ length: n }, () => (next() * 2 - 1) * scale)
  const ones = (n: number) => new Float32Array(n).fill(1)

  // The output rows of the control pieces are zero and the others large, so sampling practically never picks a
  // control piece: a reply runs to its token limit, which makes streaming and cancellation testable.
  const output = uniform(nVocab * embd, 1.5)
  output.fill(0, 0, vocab.controls * embd)

  const tensors: Tensor[] = [
    { name: 'token_embd.weight', dims: [embd, nVocab], data: uniform(nVocab * embd, 1) },
    { name: 'output_norm.weight', dims: [embd], data: ones(embd) },
    { name: 'output.weight', dims: [embd, nVocab], data: output },
  ]
  const kvDim = headDim * kvHeads
  for (let l = 0; l < layers; l++) {
    const p = `blk.${l}.`
    tensors.push(
      { name: `${p}attn_norm.weight`, dims: [embd], data: ones(embd) },
      { name: `${p}attn_q.weight`, dims: [embd, embd], data: uniform(embd * embd, 0.2) },
      { name: `${p}attn_k.weight`, dims: [embd, kvDim], data: uniform(embd * kvDim, 0.2) },
      { name: `${p}attn_v.weight`, dims: [embd, kvDim], data: uniform(embd * kvDim, 0.2) },
      { name: `${p}attn_output.weight`, dims: [embd, embd], data: uniform(embd * embd, 0.2) },
      { name: `${p}ffn_norm.weight`, dims: [embd], data: ones(embd) },
      { name: `${p}ffn_gate.weight`, dims: [embd, ff], data: uniform(embd * ff, 0.2) },
      { name: `${p}ffn_up.weight`, dims: [embd, ff], data: uniform(embd * ff, 0.2) },
      { name: `${p}ffn_down.weight`, dims: [ff, embd], data: uniform(ff * embd, 0.2) },
    )
  }

  const meta: [string, Value][] = [
    ['general.architecture', { type: 'str', value: 'llama' }],
    ['general.name', { type: 'str', value: 'simpsy-tiny-random' }],
    ['general.alignment', { type: 'u32', value: ALIGNMENT }],
    ['llama.context_length', { type: 'u32', value: contextLength }],
    ['llama.embedding_length', { type: 'u32', value: embd }],
    ['llama.block_count', { type: 'u32', value: layers }],
    ['llama.feed_forward_length', { type: 'u32', value: ff }],
    ['llama.attention.head_count', { type: 'u32', value: heads }],
    ['llama.attention.head_count_kv', { type: 'u32', value: kvHeads }],
    ['llama.rope.dimension_count', { type: 'u32', value: headDim }],
    ['llama.rope.freq_base', { type: 'f32', value: 10000 }],
    ['llama.attention.layer_norm_rms_epsilon', { type: 'f32', value: 1e-5 }],
    ['tokenizer.ggml.model', { type: 'str', value: 'llama' }],
    ['tokenizer.ggml.tokens', { type: 'str[]', value: vocab.tokens }],
    ['tokenizer.ggml.scores', { type: 'f32[]', value: vocab.scores }],
    ['tokenizer.ggml.token_type', { type: 'i32[]', value: vocab.types }],
    ['tokenizer.ggml.unknown_token_id', { type: 'u32', value: 0 }],
    ['tokenizer.ggml.bos_token_id', { type: 'u32', value: 1 }],
    ['tokenizer.ggml.eos_token_id', { type: 'u32', value: 4 }],
    ['tokenizer.ggml.add_bos_token', { type: 'bool', value: true }],
    ['tokenizer.ggml.add_eos_token', { type: 'bool', value: false }],
    ['tokenizer.chat_template', { type: 'str', value: TINY_CHAT_TEMPLATE }],
  ]

  const w = new Writer()
  w.bytes(Buffer.from('GGUF', 'ascii'))
  w.u32(3)
  w.u64(tensors.length)
  w.u64(meta.length)
  for (const [key, value] of meta) {
    w.str(key)
    writeValue(w, value)
  }
  let offset = 0
  for (const t of tensors) {
    w.str(t.name)
    w.u32(t.dims.length)
    t.dims.forEach((d) => w.u64(d))
    w.u32(GGML_F32)
    w.u64(offset)
    offset += Math.ceil((t.data.length * 4) / ALIGNMENT) * ALIGNMENT
  }
  w.pad(ALIGNMENT)
  for (const t of tensors) {
    w.bytes(Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength))
    w.pad(ALIGNMENT)
  }
  return w.done()
}

/** Writes `bytes` to `path` atomically: a half-written file is never read. */
function writeAtomically(path: string, bytes: Buffer): string {
  mkdirSync(dirname(path), { recursive: true })
  const temp = `${path}.${process.pid}.part`
  writeFileSync(temp, bytes)
  renameSync(temp, path)
  return path
}

/** Writes the tiny model to `path`. */
export const writeTinyGguf = (path: string, seed = 17): string => writeAtomically(path, tinyGgufBytes(seed))

/** The tiny model in the temp folder, written on first use; named by its content, so a changed generator rewrites. */
export function ensureTinyGguf(): string {
  const bytes = tinyGgufBytes()
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 12)
  const path = join(tmpdir(), 'simpsy-tiny-gguf', `tiny-${hash}.gguf`)
  return existsSync(path) ? path : writeAtomically(path, bytes)
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const out = process.argv[2]
  if (!out) {
    console.error('usage: npx tsx scripts/tinyGguf.ts OUT.gguf')
    process.exit(2)
  }
  console.log(writeTinyGguf(resolve(out)))
}
