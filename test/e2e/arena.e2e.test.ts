import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import type { AnnotationState, ArenaDialogueView } from '@shared/arena'
import { launchBrowser } from '../support/browser'
import { startMockOpenAI, type ChatRequest } from '../support/mockOpenAI'
import { ownerApi, startServe } from '../support/serveProcess'

/**
 * A researcher starts a human-refereed arena from the form, votes through a few
 * turns with the keyboard in the annotation view, comes back after a reload,
 * and watches the ratings follow the votes.
 */
let browser: Browser
let dataDir: string
beforeAll(async () => {
  browser = await launchBrowser()
  dataDir = mkdtempSync(join(tmpdir(), 'simpsy-e2e-arena-'))
})
afterAll(async () => {
  await browser?.close()
  rmSync(dataDir, { recursive: true, force: true })
})

/** Each contestant's system prompt carries a marker; their replies differ but never name the contestant. */
const CONTESTANTS = [
  { name: 'Alpha', marker: 'marker-warm', style: 'That sounds heavy' },
  { name: 'Beta', marker: 'marker-brief', style: 'Go on' },
]

function reply(request: ChatRequest): string {
  const system = request.messages[0]?.content ?? ''
  const turn = request.messages.filter((m) => m.role === 'assistant').length + 1
  const contestant = CONTESTANTS.find((c) => system.includes(c.marker))
  if (contestant) return `${contestant.style}, turn ${turn}. What happened next?`
  return `Client line ${turn}: work has been stressful lately.`
}

/** The vote board's turn ("dialogueId:turn"), once the next one is shown. */
async function nextBoard(page: Page, after: string | null): Promise<string> {
  const board = page.getByTestId('vote-board')
  let key = ''
  await expect
    .poll(
      async () => {
        if (!(await board.isVisible())) return ''
        key = `${await board.getAttribute('data-dialogue-id')}:${await board.getAttribute('data-turn')}`
        return key === after ? '' : key
      },
      { timeout: 30000 },
    )
    .not.toBe('')
  return key
}

describe('arena in the browser', () => {
  it('votes through a human-refereed arena with the keyboard and sees the ratings follow', async () => {
    const mock = await startMockOpenAI({ reply, latencyMs: 60 })
    const server = await startServe(dataDir)
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } })
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    const call = ownerApi(server)
    try {
      await call('saveEndpoint', { name: 'mock', baseURL: mock.baseURL, model: 'mock-model' })
      // Held-out cards in the test pool the arena reads (the example cards keep to their own pool).
      for (const [i, body] of ['I cannot sleep before exams.', 'My new city feels lonely.'].entries())
        await call('createRoleCard', { language: 'en', name: `Held-out ${i}`, pool: 'test', complaint: { body } })

      // The form: two contestants with custom system prompts, human referees, 3 dialogues of at most 3 turns.
      await page.goto(server.url)
      await page.getByTestId('nav-arena').click()
      await page.getByTestId('new-arena').first().click()
      await page.getByTestId('new-arena-form').waitFor()
      await page.getByTestId('run-name').fill('e2e human arena')
      for (const [i, contestant] of CONTESTANTS.entries()) {
        await page.getByTestId(`run-contestants-${i}-name`).fill(contestant.name)
        await page.getByTestId(`arena-contestant-${i}-prompt`).selectOption('__custom__')
        await page
          .getByTestId(`arena-contestant-${i}-system-prompt`)
          .fill(`You are a counselor (${contestant.marker}).`)
      }
      await page.getByTestId('run-dialoguesPerCombination').fill('3')
      await page.getByTestId('arena-referee-human').check()
      await page.getByTestId('run-maxTurns').fill('3')
      await expect.poll(() => page.getByTestId('arena-plan').getAttribute('data-total')).toBe('3')
      await expect
        .poll(async () => Number(await page.getByTestId('arena-cards-count').getAttribute('data-count')))
        .toBeGreaterThan(0)
      await page.getByTestId('arena-form-submit').click()

      const detail = page.getByTestId('arena-detail')
      await detail.waitFor({ timeout: 20000 })
      const arenaId = (await detail.getAttribute('data-arena-id'))!
      expect(await page.getByTestId('arena-referee-kind').first().getAttribute('data-kind')).toBe('human')

      // The annotation view: a name first, then turns voted on with the keyboard only.
      await page.getByTestId('arena-annotate').click()
      expect(new URL(page.url()).hash).toBe(`#/annotate/${arenaId}`)
      await page.getByTestId('annotator-name').fill('E2E annotator')
      await page.keyboard.press('Enter')

      let key = await nextBoard(page, null)
      const text = (await page.getByTestId('vote-board').textContent()) ?? ''
      for (const contestant of CONTESTANTS) expect(text).not.toContain(contestant.name)
      expect(await page.getByTestId('vote-candidate').count()).toBe(2)
      expect(await page.getByTestId('vote-tie').count()).toBe(0) // off by default

      // 1: choose with a number; 2: a number, then an arrow moves the selection; 3: arrows from nothing.
      const keys = [['1'], ['2', 'ArrowLeft'], ['ArrowRight', 'ArrowRight']]
      for (const [index, sequence] of keys.entries()) {
        for (const k of sequence) await page.keyboard.press(k)
        const expected = index === 0 ? '0' : index === 1 ? '0' : '1'
        await expect
          .poll(() => page.locator('[data-testid="vote-candidate"][aria-checked="true"]').getAttribute('data-position'))
          .toBe(expected)
        await page.keyboard.press('Enter')
        await expect
          .poll(async () => Number(await page.getByTestId('annotation-progress').getAttribute('data-mine')), {
            timeout: 15000,
          })
          .toBe(index + 1)
        if (index < keys.length - 1) key = await nextBoard(page, key)
      }

      // Votes are stored at once: after a reload the name is remembered and the count is kept.
      await page.getByTestId('annotation-pause').click()
      await page.getByTestId('annotation-paused').waitFor()
      await page.reload()
      // The link's hash opens the annotation view directly (the nav rail's Arena would leave it).
      await page.getByTestId('annotation-view').waitFor()
      await expect
        .poll(async () => Number(await page.getByTestId('annotation-progress').getAttribute('data-mine')), {
          timeout: 15000,
        })
        .toBe(3)
      expect(await page.getByTestId('annotation-annotator').textContent()).toContain('E2E annotator')

      const annotators = await call<{ annotator: string; votes: number; dialogues: number }[]>('listAnnotators', {
        arenaId,
      })
      expect(annotators.find((a) => a.annotator === 'E2E annotator')?.votes).toBe(3)
      const list = await call<{ items: { id: string; annotator: string | null }[] }>('listArenaDialogues', { arenaId })
      const mine = list.items.find((d) => d.annotator === 'E2E annotator')!
      const dialogue = await call<ArenaDialogueView>('getArenaDialogue', { id: mine.id })
      const decided = dialogue.turns.filter((turn) => turn.refereeStatus === 'ok')
      expect(decided.length).toBeGreaterThanOrEqual(2)
      for (const turn of decided) expect(CONTESTANTS.map((c) => c.name)).toContain(turn.choice)
      expect(decided.map((turn) => turn.decidedBy)).toContain('E2E annotator')

      // Ratings: the annotator's votes are the battles; one more vote (by someone else, on the third dialogue:
      // coming back claimed the second one for the first annotator) updates the table live.
      await page.getByTestId('annotation-leave').click()
      await page.locator(`[data-testid="arena-row"][data-arena-id="${arenaId}"]`).click()
      await page.getByTestId('arena-tab-ratings').click()
      await page.getByTestId('arena-ratings-table').waitFor()
      const selections = async () => {
        let sum = 0
        for (const row of await page.getByTestId('arena-rating-row').all())
          sum += Number(await row.getAttribute('data-selections'))
        return sum
      }
      await expect.poll(selections, { timeout: 15000 }).toBe(3)
      expect(await page.getByTestId('arena-ratings-summary').getAttribute('data-battles')).toBe('3')

      let state = await call<AnnotationState>('nextAnnotation', { arenaId, annotator: 'second annotator' })
      for (let i = 0; i < 60 && !state.task; i++) {
        await new Promise((resolve) => setTimeout(resolve, 500))
        state = await call<AnnotationState>('nextAnnotation', { arenaId, annotator: 'second annotator' })
      }
      expect(state.task).not.toBeNull()
      await call('submitVote', {
        arenaId,
        annotator: 'second annotator',
        dialogueId: state.task!.dialogueId,
        turn: state.task!.turn,
        choice: 0,
      })
      await expect.poll(selections, { timeout: 20000 }).toBe(4)

      // One annotator's votes alone.
      await page.getByTestId('arena-ratings-annotator').selectOption('second annotator')
      await expect.poll(selections, { timeout: 15000 }).toBe(1)
      // Those votes as DPO data: the pairs, dataset_info.json and a stage: dpo YAML are downloaded.
      const downloads: { name: string; text: string }[] = []
      page.on('download', (d) => {
        void d.path().then((path) => downloads.push({ name: d.suggestedFilename(), text: readFileSync(path, 'utf8') }))
      })
      await page.getByTestId('arena-export-preferences').click()
      await expect.poll(() => downloads.length, { timeout: 10000 }).toBe(3)
      const pairs = JSON.parse(downloads.find((d) => d.name === 'preferences.json')!.text)
      expect(pairs).toHaveLength(1)
      expect(pairs[0].messages.at(-1).role).toBe('user')
      expect(downloads.find((d) => d.name === 'train.yaml')!.text).toMatch(/^stage: dpo$/m)

      // The dialogues tab shows the voted turns with the chosen candidate marked.
      await page.getByTestId('arena-tab-dialogues').click()
      await page.locator(`[data-testid="arena-dialogue-row"][data-dialogue-id="${mine.id}"]`).click()
      const transcript = page.locator(`[data-testid="arena-transcript"][data-dialogue-id="${mine.id}"]`)
      await expect
        .poll(() => transcript.locator('[data-testid="arena-candidate"][data-chosen="true"]').count(), {
          timeout: 15000,
        })
        .toBeGreaterThanOrEqual(2)
      expect(errors).toEqual([])
    } catch (error) {
      await page.screenshot({ path: join(tmpdir(), 'simpsy-e2e-arena-failure.png') })
      throw error
    } finally {
      await page.close()
      await server.stop()
      await mock.close()
    }
  }, 180_000)

  it('leaves the annotation view by the nav rail, and a reload opens the arenas again', async () => {
    const mock = await startMockOpenAI({ reply, latencyMs: 20 })
    const server = await startServe(mkdtempSync(join(dataDir, 'leave-')))
    const call = ownerApi(server)
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } })
    try {
      const endpoint = await call<{ id: string }>('saveEndpoint', {
        name: 'mock',
        baseURL: mock.baseURL,
        model: 'mock-model',
      })
      const arena = await call<{ id: string }>('startArena', {
        name: 'leaving',
        cards: { query: { pool: 'examples' } },
        config: {
          contestants: CONTESTANTS.map((c) => ({
            name: c.name,
            endpointId: endpoint.id,
            prompt: { kind: 'custom', text: `You are a counselor (${c.marker}).` },
          })),
          client: { endpointId: endpoint.id, templateId: 'client.default' },
          referee: { kind: 'human' },
          dialoguesPerCombination: 2,
          maxTurns: 2,
        },
      })
      await page.goto(server.url)
      const openAnnotation = async () => {
        await page.getByTestId('nav-arena').click()
        await page.locator(`[data-testid="arena-detail"][data-arena-id="${arena.id}"]`).waitFor({ timeout: 20000 })
        await page.getByTestId('arena-annotate').click()
        await page.getByTestId('annotation-view').waitFor()
        expect(new URL(page.url()).hash).toBe(`#/annotate/${arena.id}`)
      }
      const expectArenas = async () => {
        await page.locator(`[data-testid="arena-detail"][data-arena-id="${arena.id}"]`).waitFor({ timeout: 20000 })
        expect(await page.getByTestId('annotation-view').count()).toBe(0)
        expect(new URL(page.url()).hash).toBe(`#/arena/${arena.id}`)
      }

      await openAnnotation()
      await page.getByTestId('annotator-name').fill('Leaving annotator')
      await page.keyboard.press('Enter')
      await nextBoard(page, null)

      // The nav rail's Arena, then a reload: the arena, not the annotation view.
      await page.getByTestId('nav-arena').click()
      await expectArenas()
      await page.reload()
      await page.getByTestId('nav-arena').click()
      await expectArenas()

      // Another page from the annotation view, then Arena: the same.
      await openAnnotation()
      await page.getByTestId('nav-prompts').click()
      await expect.poll(() => new URL(page.url()).hash).toMatch(/^#\/prompts/)
      await page.reload()
      await page.getByTestId('nav-arena').click()
      await expectArenas()

      // The browser's Back from the annotation view returns to the arena.
      await openAnnotation()
      await page.goBack()
      await expectArenas()

      // The annotator left mid-dialogue: the Annotators tab lists the claim, and Release hands it on.
      await page.getByTestId('arena-tab-people').click()
      const claim = page.locator('[data-testid="arena-claim-row"][data-annotator="Leaving annotator"]')
      await claim.waitFor()
      const dialogueId = (await claim.getAttribute('data-dialogue-id'))!
      await claim.getByTestId('arena-claim-release').click()
      await expect.poll(() => claim.count()).toBe(0)
      const next = await call<AnnotationState>('nextAnnotation', { arenaId: arena.id, annotator: 'Second annotator' })
      expect(next.task?.dialogueId).toBe(dialogueId)
    } catch (error) {
      await page.screenshot({ path: join(tmpdir(), 'simpsy-e2e-arena-leave-failure.png') })
      throw error
    } finally {
      await page.close()
      await server.stop()
      await mock.close()
    }
  }, 120_000)
})
