import type { AnnotationState, VoteChoice } from '@shared/arena'
import { WorkbenchError } from '@shared/errors'
import type { Db } from '../db/connection'
import type { ArenaDialogueItem, ArenaRepo } from '../db/arenaRepo'
import type { ArenaRunner } from './arenaRunner'
import { CANDIDATE_LABELS } from './refereePrompt'

/**
 * Human referees. An annotator takes one dialogue at a time: its turns come to
 * them in order until it ends; then they get the next unclaimed dialogue.
 * Candidates are shown in the turn's stored (shuffled) order without names.
 */
export function annotationDesk(db: Db, repo: ArenaRepo, runner: ArenaRunner) {
  function humanArena(arenaId: string) {
    const arena = repo.get(arenaId)
    if (!arena) throw new WorkbenchError('not_found', `No arena with id ${arenaId}.`)
    if (arena.config.referee.kind !== 'human')
      throw new WorkbenchError(
        'invalid_input',
        `Arena "${arena.name}" is refereed by an LLM; there is nothing to annotate.`,
      )
    return { arena, referee: arena.config.referee }
  }

  function state(arenaId: string, annotator: string): AnnotationState {
    const { arena, referee } = humanArena(arenaId)
    const dialogues = repo.dialogues(arenaId)
    const counts = repo.voteCounts(arenaId, annotator)
    const finished = (d: ArenaDialogueItem) =>
      d.status === 'completed' || d.status === 'failed' || d.status === 'cancelled'
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
      ready = dialogues.find(
        (d) => d.annotator === null && d.status === 'awaiting_vote' && repo.claimDialogue(d.id, annotator),
      )
    }
    if (!ready || stopped) {
      // A paused arena generates nothing: say "nothing to vote on right now", not "preparing".
      const preparing =
        arena.status === 'running' &&
        (mine.length > 0 ||
          dialogues.some((d) => d.annotator === null && (d.status === 'pending' || d.status === 'running')))
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

  return {
    next: state,
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
        throw new WorkbenchError('not_found', `No dialogue ${input.dialogueId} in this arena.`)
      const turn = repo.turn(input.dialogueId, input.turn)
      if (!turn || dialogue.status !== 'awaiting_vote' || turn.refereeStatus !== 'pending') {
        throw new WorkbenchError(
          'conflict',
          `Turn ${input.turn} of this dialogue has already been decided (or is not open yet).`,
        )
      }
      if (dialogue.annotator !== input.annotator) {
        throw new WorkbenchError(
          'conflict',
          dialogue.annotator
            ? `This dialogue is being annotated by ${dialogue.annotator}.`
            : 'Open the dialogue with nextAnnotation before voting on it.',
        )
      }
      let choice: string
      let position: number | null = null
      if (typeof input.choice === 'number') {
        if (input.choice >= turn.shownOrder.length)
          throw new WorkbenchError('invalid_input', `choice: there are only ${turn.shownOrder.length} candidates.`)
        position = input.choice
        choice = turn.candidates[turn.shownOrder[position]].contestant
      } else {
        const allowed = input.choice === 'tie' ? referee.allowTie : referee.allowBothBad
        if (!allowed)
          throw new WorkbenchError('invalid_input', `choice: "${input.choice}" is not offered in this arena.`)
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
      }).immediate()
      runner.continueDialogue(input.arenaId, dialogue.id)
      return state(input.arenaId, input.annotator)
    },
  }
}
export type AnnotationDesk = ReturnType<typeof annotationDesk>
