import { DEFAULT_CLAIM_TIMEOUT_MINUTES, type AnnotationState, type VoteChoice } from '@shared/arena'
import { WorkbenchError } from '@shared/errors'
import type { Db } from '../db/connection'
import type { ArenaDialogueItem, ArenaRepo } from '../db/arenaRepo'
import type { ArenaRunner } from './arenaRunner'
import { CANDIDATE_LABELS } from './refereePrompt'

/** How often a waiting annotator's state is looked at again when no runner of this process says it changed. */
const RECHECK_MS = 250

const finished = (d: ArenaDialogueItem) => d.status === 'completed' || d.status === 'failed' || d.status === 'cancelled'

/**
 * Human referees. An annotator takes one dialogue at a time: its turns come to
 * them in order until it ends; then they get the next unclaimed dialogue.
 * Candidates are shown in the turn's stored (shuffled) order without names.
 * A claim not used (claimed or voted on) for the arena's claimTimeoutMinutes is
 * idle: the next annotator who needs a dialogue may take it. `now` is the clock
 * (milliseconds), injectable for tests.
 */
export function annotationDesk(db: Db, repo: ArenaRepo, runner: ArenaRunner, now: () => number = Date.now) {
  function humanArena(arenaId: string) {
    const arena = repo.get(arenaId)
    if (!arena) throw new WorkbenchError('not_found', { key: 'arena.notFound', params: { id: arenaId } })
    if (arena.config.referee.kind !== 'human')
      throw new WorkbenchError('invalid_input', { key: 'arena.llmRefereed', params: { name: arena.name } })
    return { arena, referee: arena.config.referee }
  }

  /** Claimed by someone else, unfinished, and not used for longer than the arena allows. */
  const idleClaim = (d: ArenaDialogueItem, timeoutMinutes: number | undefined, at: number) =>
    d.annotator !== null &&
    !finished(d) &&
    (d.annotatorSeenAt === null ||
      at - Date.parse(d.annotatorSeenAt) >= (timeoutMinutes ?? DEFAULT_CLAIM_TIMEOUT_MINUTES) * 60_000)

  function state(arenaId: string, annotator: string): AnnotationState {
    const { arena, referee } = humanArena(arenaId)
    const dialogues = repo.dialogues(arenaId)
    const counts = repo.voteCounts(arenaId, annotator)
    const at = now()
    const free = (d: ArenaDialogueItem) =>
      d.annotator === null || (d.annotator !== annotator && idleClaim(d, arena.config.claimTimeoutMinutes, at))
    const progress = {
      mine: counts.mine,
      total: counts.total,
      dialoguesDone: dialogues.filter(finished).length,
      dialoguesTotal: dialogues.length,
    }
    const mine = dialogues.filter((d) => d.annotator === annotator && !finished(d))
    const stopped = arena.status === 'cancelled' || arena.status === 'completed'
    // Their own dialogue first (waiting while its next turn is generated), then a new one, claimed now.
    let ready = mine.length ? mine.find((d) => d.status === 'awaiting_vote') : undefined
    if (!mine.length && !stopped) {
      // Unclaimed dialogues first, then idle claims; each in plan order.
      const waiting = dialogues.filter((d) => d.status === 'awaiting_vote' && free(d))
      const ordered = [...waiting.filter((d) => d.annotator === null), ...waiting.filter((d) => d.annotator !== null)]
      ready = ordered.find((d) => repo.claimDialogue(d.id, annotator, new Date(at).toISOString(), d))
    }
    if (!ready || stopped) {
      // A paused arena generates nothing: say "nothing to vote on right now", not "preparing".
      const preparing =
        arena.status === 'running' &&
        (mine.length > 0 || dialogues.some((d) => free(d) && (d.status === 'pending' || d.status === 'running')))
      const open = dialogues.some((d) => !finished(d))
      return { annotator, task: null, progress, preparing, done: stopped || !open }
    }
    const turns = repo.turns(ready.id)
    const turn = turns.find((t) => t.refereeStatus === 'pending')
    if (!turn) throw new WorkbenchError('internal', `Dialogue ${ready.id} waits for a vote but has no open turn.`)
    return {
      annotator,
      task: {
        arenaId,
        dialogueId: ready.id,
        turn: turn.turn,
        language: ready.language,
        history: repo.messages(ready.id).map((m) => ({ speaker: m.speaker, content: m.content })),
        candidates: turn.shownOrder.map((i, position) => ({
          label: CANDIDATE_LABELS[position],
          content: turn.candidates[i].content,
        })),
        allowTie: referee.allowTie,
        allowBothBad: referee.allowBothBad,
      },
      progress,
      preparing: false,
      done: false,
    }
  }

  /**
   * The annotator's state, waiting up to `waitMs` while their next turn is being generated: it answers as soon as this
   * process's runner has the turn (another process's within RECHECK_MS), so an annotator's browser need not poll.
   */
  async function nextWaiting(arenaId: string, annotator: string, waitMs: number): Promise<AnnotationState> {
    const deadline = Date.now() + waitMs
    for (;;) {
      const current = state(arenaId, annotator)
      const left = deadline - Date.now()
      if (current.task || current.done || !current.preparing || left <= 0) return current
      await new Promise<void>((resolve) => {
        const finish = () => {
          off()
          clearTimeout(timer)
          resolve()
        }
        const off = runner.onAwaitingVote((id) => id === arenaId && finish())
        const timer = setTimeout(finish, Math.min(left, RECHECK_MS))
      })
    }
  }

  return {
    next: state,
    nextWaiting,
    /** Votes are only taken on dialogues served to that annotator (nextAnnotation claims them). */
    vote(input: {
      arenaId: string
      annotator: string
      dialogueId: string
      turn: number
      choice: VoteChoice
    }): AnnotationState {
      const { referee } = humanArena(input.arenaId)
      const dialogue = repo.dialogue(input.dialogueId)
      if (!dialogue || dialogue.arenaId !== input.arenaId)
        throw new WorkbenchError('not_found', { key: 'arena.noDialogue', params: { id: input.dialogueId } })
      const turn = repo.turn(input.dialogueId, input.turn)
      if (!turn || dialogue.status !== 'awaiting_vote' || turn.refereeStatus !== 'pending') {
        throw new WorkbenchError('conflict', { key: 'arena.turnDecided', params: { turn: input.turn } })
      }
      if (dialogue.annotator !== input.annotator) {
        throw new WorkbenchError(
          'conflict',
          dialogue.annotator
            ? { key: 'arena.annotatedBy', params: { annotator: dialogue.annotator } }
            : { key: 'arena.openFirst' },
        )
      }
      let choice: string
      let position: number | null = null
      if (typeof input.choice === 'number') {
        if (input.choice >= turn.shownOrder.length)
          throw new WorkbenchError('invalid_input', {
            key: 'arena.onlyCandidates',
            params: { count: turn.shownOrder.length },
          })
        position = input.choice
        choice = turn.candidates[turn.shownOrder[position]].contestant
      } else {
        const allowed = input.choice === 'tie' ? referee.allowTie : referee.allowBothBad
        if (!allowed)
          throw new WorkbenchError('invalid_input', { key: 'arena.notOffered', params: { choice: input.choice } })
        choice = input.choice
      }
      db.transaction(() => {
        repo.insertVote({ dialogueId: dialogue.id, turn: input.turn, annotator: input.annotator, choice, position })
        repo.decideTurn(dialogue.id, input.turn, {
          choice,
          decidedBy: input.annotator,
          refereeStatus: 'ok',
          refereeRaw: null,
          refereeError: null,
          refereeAttempts: 0,
          swap: null,
        })
        repo.setDialogueStatus(dialogue.id, 'pending')
        repo.touchClaim(dialogue.id, input.annotator, new Date(now()).toISOString())
      }).immediate()
      runner.continueDialogue(input.arenaId, dialogue.id)
      return state(input.arenaId, input.annotator)
    },
    /**
     * The arena's owner releases a claimed dialogue (annotator null: the next annotator to ask takes it) or gives it
     * to a named annotator, e.g. when someone left in the middle of one.
     */
    reassign(input: { arenaId: string; dialogueId: string; annotator: string | null }): ArenaDialogueItem {
      humanArena(input.arenaId)
      const dialogue = repo.dialogue(input.dialogueId)
      if (!dialogue || dialogue.arenaId !== input.arenaId)
        throw new WorkbenchError('not_found', { key: 'arena.noDialogue', params: { id: input.dialogueId } })
      if (finished(dialogue))
        throw new WorkbenchError('conflict', {
          key: 'arena.dialogueEnded',
          params: { position: dialogue.position + 1 },
        })
      repo.setAnnotator(dialogue.id, input.annotator, input.annotator ? new Date(now()).toISOString() : null)
      const { roleCard: _card, ...item } = repo.dialogue(dialogue.id)!
      return item
    },
  }
}
export type AnnotationDesk = ReturnType<typeof annotationDesk>
