import { getLlama, LlamaChat } from 'node-llama-cpp'
const llama = await getLlama({ gpu: false, build: 'never' })
const model = await llama.loadModel({ modelPath: '/tmp/tiny.gguf', gpuLayers: 0 })
const context = await model.createContext({ contextSize: 1024, sequences: 1, threads: Number(process.env.T ?? 1) })
const chat = new LlamaChat({ contextSequence: context.getSequence() })
let last = performance.now()
const gaps: number[] = []
const t3 = performance.now()
const r = await chat.generateResponse([{type:'user', text:'Hello'},{type:'model', response:[]}], { maxTokens: 16, temperature: 0.7, onTextChunk: (c) => { const n = performance.now(); gaps.push(Math.round(n-last)); last = n }, })
console.log('gen', performance.now()-t3, gaps.join(','), r.metadata)
