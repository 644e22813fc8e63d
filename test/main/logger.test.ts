import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { configureLogger, log, redact, registerSecret } from '../../src/main/logger'

const dirs: string[] = []
afterEach(() => {
  configureLogger({})
  vi.restoreAllMocks()
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

const tempFile = () => {
  const dir = mkdtempSync(join(tmpdir(), 'simpsy-log-'))
  dirs.push(dir)
  return join(dir, 'logs', 'workbench.log')
}
const entries = (file: string) =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { level: number; msg: string; stack?: string })

describe('the logger', () => {
  it('keeps entries at the file level in a private file and shows the terminal only what it asked for', () => {
    const file = tempFile()
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
    configureLogger({ file, fileLevel: 'debug', console: 'warn' })
    log.debug('probe sent')
    log.info('run r1 resumed')
    log.error('run r1 stopped', new Error('HTTP 500 from the endpoint'))
    const written = entries(file)
    expect(written.map((e) => e.msg)).toEqual([
      'probe sent',
      'run r1 resumed',
      'run r1 stopped: HTTP 500 from the endpoint',
    ])
    expect(written[2].stack).toContain('HTTP 500 from the endpoint')
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(statSync(join(file, '..')).mode & 0o777).toBe(0o700)
    // The terminal gets the error line, without the stack.
    const shown = stderr.mock.calls.map((c) => String(c[0]))
    expect(shown).toEqual(['run r1 stopped: HTTP 500 from the endpoint\n'])
  })

  it('never writes a registered secret or a secret-looking value', () => {
    const file = tempFile()
    configureLogger({ file })
    registerSecret('my-very-private-key-123')
    log.info('calling https://x.example/v1 with key my-very-private-key-123')
    log.warn('request failed', new Error('401: Authorization: Bearer abcdefghijklmnop rejected'))
    log.info('opened http://127.0.0.1:4000/?token=s3cr3tt0ken&x=1 and {"apiKey":"sk-live-zzzzzzzz"}')
    const text = readFileSync(file, 'utf8')
    expect(text).not.toContain('my-very-private-key-123')
    expect(text).not.toContain('abcdefghijklmnop')
    expect(text).not.toContain('s3cr3tt0ken')
    expect(text).not.toContain('sk-live-zzzzzzzz')
    expect(text).toContain('[secret]')
  })

  it('leaves ordinary text alone', () => {
    expect(redact('dialogue 42 ended after 30 turns (closing phrase "goodbye")')).toBe(
      'dialogue 42 ended after 30 turns (closing phrase "goodbye")',
    )
  })

  it('writes nothing anywhere until configured', () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
    log.error('unconfigured', new Error('x'))
    expect(stderr).not.toHaveBeenCalled()
  })
})
