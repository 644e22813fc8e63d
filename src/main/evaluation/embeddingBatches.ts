/**
 * How texts of known token counts are grouped into model calls. A transformer's memory grows with the padded batch
 * (rows × the longest row's tokens) and, in attention, with rows × tokens²; both are bounded here, so a batch of long
 * texts holds fewer rows and memory stays near what the longest single text needs. Texts are sorted by length and a
 * batch never pads a row to more than twice its length, so little padding is computed.
 */
export interface BatchBudget {
  /** Rows × padded tokens per call (default 16,384). */
  tokens: number
  /** Rows × padded tokens² per call: the attention matrices' size per head and layer (default 2,048² × 2). */
  attentionCells: number
  /** At most this many rows per call (default 64). */
  rows: number
}

// With bge-m3's 16 heads in fp32, 2,048² × 2 cells are 512 MB per attention tensor of a layer.
export const DEFAULT_BATCH_BUDGET: BatchBudget = { tokens: 16_384, attentionCells: 2048 * 2048 * 2, rows: 64 }

/**
 * Index groups over `tokenCounts` (each already capped at the model's limit), longest first. Every text is in exactly
 * one group; a text over the budget on its own gets a group of one.
 */
export function planBatches(tokenCounts: number[], budget: Partial<BatchBudget> = {}): number[][] {
  const { tokens, attentionCells, rows } = { ...DEFAULT_BATCH_BUDGET, ...budget }
  const order = tokenCounts.map((_, i) => i).sort((a, b) => tokenCounts[b] - tokenCounts[a] || a - b)
  const batches: number[][] = []
  let current: number[] = []
  let padded = 0
  for (const i of order) {
    // Longest first: the batch's padded length is its first row's.
    const length = current.length === 0 ? tokenCounts[i] : padded
    const n = current.length + 1
    // A row under half the batch's length starts a new batch: padding it would double its work.
    const unlike = length > 32 && tokenCounts[i] * 2 < length
    if (current.length > 0 && (unlike || n > rows || n * length > tokens || n * length * length > attentionCells)) {
      batches.push(current)
      current = []
    }
    if (current.length === 0) padded = Math.max(1, tokenCounts[i])
    current.push(i)
  }
  if (current.length) batches.push(current)
  return batches
}
