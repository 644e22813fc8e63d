import type { AgentReply } from '../simulation/agents'

/**
 * Speculative client lines for human-refereed arenas. While an annotator reads a turn's candidates, the client's next
 * line is generated after each of them (the same request it would get once that candidate is chosen), so after the
 * vote only the contestants remain to be asked. The unchosen lines are spent calls; they are logged like any other.
 * Lines live in this process's memory: after a restart, or when another process continues the dialogue, the client is
 * simply asked again.
 */
export function clientPrefetch() {
  const lines = new Map<string, Promise<AgentReply>>()
  const key = (dialogueId: string, turn: number, contestant: string) => `${dialogueId}\u0000${turn}\u0000${contestant}`
  const dropTurn = (dialogueId: string, turn: number) => {
    const prefix = `${dialogueId}\u0000${turn}\u0000`
    for (const k of [...lines.keys()]) if (k.startsWith(prefix)) lines.delete(k)
  }
  return {
    /** Starts the client's line after `contestant`'s reply at `turn` (errors wait for `take`, which falls back). */
    start(dialogueId: string, turn: number, contestant: string, ask: () => Promise<AgentReply>): void {
      const k = key(dialogueId, turn, contestant)
      if (lines.has(k)) return
      const line = ask()
      line.catch(() => {}) // taken (and its failure handled) or dropped
      lines.set(k, line)
    },
    /** The line prepared after the chosen reply, if any; the turn's other lines are dropped. */
    take(dialogueId: string, turn: number, contestant: string): Promise<AgentReply> | undefined {
      const line = lines.get(key(dialogueId, turn, contestant))
      dropTurn(dialogueId, turn)
      return line
    },
    /** Lines waiting to be taken (for tests and the arena's shutdown). */
    get size() {
      return lines.size
    },
    clear: () => lines.clear(),
  }
}
export type ClientPrefetch = ReturnType<typeof clientPrefetch>
