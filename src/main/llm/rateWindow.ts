const MINUTE = 60_000

interface Entry {
  at: number
  /** The estimate until the answer says how many tokens the attempt used. */
  tokens: number
}

/**
 * Requests and tokens started in the last 60 s, for an endpoint's requests-per-minute and tokens-per-minute limits.
 * An attempt counts its estimated prompt tokens when it starts and what the server reported (prompt and completion)
 * once it is answered; a failed attempt keeps its estimate (the provider counted the request).
 */
export function rateWindow() {
  const entries: Entry[] = []
  const prune = (now: number) => {
    while (entries.length > 0 && entries[0].at <= now - MINUTE) entries.shift()
  }
  return {
    /** How long (ms) before an attempt of `tokens` may start within the limits; 0: now. */
    delay(now: number, rpm: number | null, tpm: number | null, tokens: number): number {
      if (rpm === null && tpm === null) return 0
      prune(now)
      let wait = 0
      if (rpm !== null && entries.length >= rpm) wait = entries[entries.length - rpm].at + MINUTE - now
      if (tpm !== null && entries.length > 0) {
        let used = entries.reduce((sum, e) => sum + e.tokens, 0)
        // An attempt larger than the whole limit goes alone into an empty minute.
        const room = Math.max(0, tpm - Math.min(tokens, tpm))
        for (const e of entries) {
          if (used <= room) break
          used -= e.tokens
          wait = Math.max(wait, e.at + MINUTE - now)
        }
      }
      return Math.max(0, wait)
    },
    start(now: number, tokens: number): Entry {
      prune(now)
      const entry = { at: now, tokens }
      entries.push(entry)
      return entry
    },
    /** The tokens the answer reported (null: keep the estimate). */
    settle(entry: Entry, tokens: number | null) {
      if (tokens !== null) entry.tokens = tokens
    },
  }
}
export type RateWindow = ReturnType<typeof rateWindow>
