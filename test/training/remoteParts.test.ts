import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { describeHostKey, compareHostKey } from '../../src/main/training/remote/hostKey'
import { parseProbe, readObservation } from '../../src/main/training/remote/jobProbe'
import { planJob } from '../../src/main/training/remote/jobLaunch'
import { gpuEnvironment } from '../../src/main/training/remote/remoteScripts'
import { quote, quotePath, remoteJoin } from '../../src/main/training/remote/shellQuote'
import { describeFailure, failureFromLog, logTail } from '../../src/main/training/remote/trainLogText'
import { parseDuration, parseTrainerLog } from '../../src/main/training/remote/trainerLog'
import { paperPreset } from '../../src/main/training/trainConfig'
import type { SshProfileView } from '@shared/training'

const bash = (script: string) => execFileSync('bash', ['-c', script], { encoding: 'utf8' })

describe('shell quoting', () => {
  it('keeps any value literal through bash', () => {
    for (const value of [
      '',
      "it's",
      `a "b" $HOME \`id\` $(id) \\ ; rm -rf / #`,
      "''",
      'line\nbreak',
      '~/not-home',
      '-n',
    ]) {
      expect(bash(`printf %s ${quote(value)}`)).toBe(value)
    }
  })
  it('expands a leading ~ to the home folder and nothing else', () => {
    const home = bash('printf %s "$HOME"')
    expect(bash(`printf %s ${quotePath("~/a b/it's")}`)).toBe(`${home}/a b/it's`)
    expect(bash(`printf %s ${quotePath('~')}`)).toBe(home)
    expect(bash(`printf %s ${quotePath('/x/~/$y')}`)).toBe('/x/~/$y')
    expect(remoteJoin('/base/', 'job', '/saves/x/')).toBe('/base/job/saves/x')
    expect(remoteJoin('/', 'job')).toBe('/job')
  })
})

describe('host keys', () => {
  it('fingerprints a key blob exactly as ssh-keygen -l does', () => {
    const dir = mkdtempSync(join(tmpdir(), 'simpsy-hostkey-'))
    try {
      for (const type of ['ed25519', 'ecdsa', 'rsa']) {
        const file = join(dir, type)
        execFileSync('ssh-keygen', ['-q', '-t', type, ...(type === 'rsa' ? ['-b', '2048'] : []), '-N', '', '-f', file])
        const [name, base64] = readFileSync(file + '.pub', 'utf8').split(' ')
        const expected = execFileSync('ssh-keygen', ['-lf', file + '.pub'], { encoding: 'utf8' }).split(' ')[1]
        expect(describeHostKey(Buffer.from(base64, 'base64'))).toEqual({ type: name, fingerprint: expected })
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
  it('compares with the accepted fingerprint', () => {
    const key = { type: 'ssh-ed25519', fingerprint: 'SHA256:abc' }
    expect(compareHostKey(key, null)).toMatchObject({ status: 'unknown', expected: null })
    expect(compareHostKey(key, 'SHA256:abc')).toMatchObject({ status: 'trusted', expected: null })
    expect(compareHostKey(key, 'SHA256:old')).toMatchObject({ status: 'changed', expected: 'SHA256:old' })
  })
})

describe("LLaMA-Factory's trainer_log.jsonl", () => {
  it('reads whole lines, tolerating missing fields, both learning-rate names and junk', () => {
    const text = [
      JSON.stringify({
        current_steps: 10,
        total_steps: 100,
        loss: 1.23,
        learning_rate: 1e-5,
        epoch: 0.2,
        percentage: 10,
        elapsed_time: '0:01:02',
        remaining_time: '0:09:18',
      }),
      JSON.stringify({ current_steps: 10, total_steps: 100, eval_loss: 1.5, epoch: 0.2 }),
      'not json',
      JSON.stringify({ total_steps: 100 }),
      JSON.stringify({ current_steps: 20, lr: 9e-6, loss: 'NaN', elapsed_time: '1 day, 2:03:04' }),
      '{"current_steps": 30, "lo',
    ].join('\n')
    const chunk = parseTrainerLog(text)
    expect(chunk.skipped).toBe(2)
    expect(chunk.points).toHaveLength(3)
    expect(chunk.points[0]).toEqual({
      step: 10,
      totalSteps: 100,
      epoch: 0.2,
      loss: 1.23,
      evalLoss: null,
      learningRate: 1e-5,
      elapsedSeconds: 62,
      remainingSeconds: 558,
    })
    expect(chunk.points[2]).toMatchObject({
      step: 20,
      totalSteps: null,
      loss: null,
      learningRate: 9e-6,
      elapsedSeconds: 93784,
      remainingSeconds: null,
    })
    // The half-written last line is left for the next read…
    expect(chunk.consumedBytes).toBe(Buffer.byteLength(text) - '{"current_steps": 30, "lo'.length)
    // …unless the trainer has exited.
    expect(parseTrainerLog('{"current_steps": 30, "loss": 0.5}', { final: true }).points).toMatchObject([
      { step: 30, loss: 0.5 },
    ])
  })
  it('counts bytes, not characters', () => {
    const line = JSON.stringify({ current_steps: 1, note: '训练' }) + '\n'
    expect(parseTrainerLog(line + '{"cur').consumedBytes).toBe(Buffer.byteLength(line))
    expect(parseDuration('12:00:00.5')).toBe(43200.5)
    expect(parseDuration('soon')).toBeNull()
  })
})

describe('train.log', () => {
  it('names the last exception of a traceback', () => {
    const log = [
      '[INFO|trainer.py] ***** Running training *****',
      '  3%|█| 3/100 [00:10<05:00]\r  4%|█| 4/100 [00:12<05:00]',
      'Traceback (most recent call last):',
      '  File "/opt/llamafactory/src/llamafactory/train/sft/workflow.py", line 96, in run_sft',
      'torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB.',
      '[rank0]: some trailing noise',
    ].join('\n')
    expect(failureFromLog(log)).toBe('torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB.')
    expect(describeFailure(1, log)).toBe(
      'torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB. (exit code 1)',
    )
    expect(failureFromLog('loading\nyaml.scanner.ScannerError: mapping values are not allowed here\n')).toBe(
      'yaml.scanner.ScannerError: mapping values are not allowed here',
    )
    expect(failureFromLog('run.sh: line 7: llamafactory-cli: command not found')).toContain('command not found')
    expect(failureFromLog('RuntimeError: CUDA error: device-side assert triggered')).toContain('CUDA error')
    // A traceback right after a progress bar that never ended its line; an earlier warning is not the reason.
    const midLine =
      'NCCL WARN something odd\n 13%|██| 2/16Traceback (most recent call last):\n  File "x.py", line 3, in <module>\nKeyError: \'simpsy\'\n'
    expect(failureFromLog(midLine)).toBe("KeyError: 'simpsy'")
    expect(describeFailure(137, 'step 5\n')).toBe(
      "llamafactory-cli ended with exit code 137: killed by signal 9; the log's last line: step 5.",
    )
    expect(describeFailure(2, '')).toBe('llamafactory-cli ended with exit code 2 and an empty log.')
  })
  it('shows progress bars as their last redraw, without colours, and drops a cut first line', () => {
    expect(logTail('cut line\nfirst\r\x1b[32msecond\x1b[0m\nthird\n\n', { cutStart: true })).toBe('second\nthird')
    expect(logTail('whole\n', { cutStart: false })).toBe('whole')
  })
})

describe('reading a job', () => {
  const marker = '@@simpsy-test'
  const job = { jobDir: '/j', outputDir: '/j/out', pgid: 42, offset: 0, where: 'u@h:22' }
  const probe = (alive: boolean, exit: string, trainer: string, log: string) =>
    `\n${marker}:alive ${alive ? 1 : 0}\n\n${marker}:exit ${exit}\n\n${marker}:trainer ${Buffer.byteLength(trainer)} 0\n${trainer}\n${marker}:log ${log.length}\n${log}\n${marker}:end\n`

  it('parses the sections, whatever the logs contain', () => {
    const obs = parseProbe(
      probe(true, '', '{"current_steps": 1}\n{"current_st', `@@simpsy-other:end\n${marker}x`),
      marker,
    )
    expect(obs).toMatchObject({
      folderExists: true,
      alive: true,
      exitCode: null,
      trainerFrom: 0,
      log: `@@simpsy-other:end\n${marker}x`,
    })
    const reading = readObservation(obs, job)
    expect(reading).toMatchObject({ outcome: { status: 'running' }, points: [{ step: 1 }], logOffset: 21 })
    expect(parseProbe(`\n${marker}:nofolder\n`, marker).folderExists).toBe(false)
    expect(() => parseProbe(`\n${marker}:alive 1\n`, marker)).toThrow(/in part/)
  })
  it('decides the outcome: exit code first, then whether the group lives', () => {
    expect(readObservation(parseProbe(probe(false, '0', '', ''), marker), job).outcome).toEqual({
      status: 'completed',
      exitCode: 0,
      failureReason: null,
    })
    expect(readObservation(parseProbe(probe(true, '1', '', 'ValueError: bad dataset'), marker), job).outcome).toEqual({
      status: 'failed',
      exitCode: 1,
      failureReason: 'ValueError: bad dataset (exit code 1)',
    })
    const lost = readObservation(parseProbe(probe(false, '', '{"current_steps": 7}', ''), marker), job)
    expect(lost).toMatchObject({ outcome: { status: 'lost', exitCode: null }, points: [{ step: 7 }] })
    expect(readObservation(parseProbe(`\n${marker}:nofolder\n`, marker), job).outcome).toMatchObject({
      status: 'lost',
      failureReason: 'The job folder /j is gone from u@h:22.',
    })
  })
})

describe('the job folder plan', () => {
  const profile = { id: 'p', setupCommand: 'source ~/venv/bin/activate', gpus: 2 } as SshProfileView
  const exported = (held: boolean) => ({
    dataFiles: [{ fileName: 'data.json', mimeType: 'application/json', content: '[]' }],
    config: paperPreset('qwen2-7b-instruct', {
      dataset: 'study',
      dataset_dir: 'data',
      output_dir: 'x',
      ...(held ? { eval_dataset: 'study_validation', val_size: 0 } : {}),
    }),
    summary: {} as never,
  })
  const form = paperPreset('deepseek-llm-7b-chat', {
    dataset: 'other',
    dataset_dir: 'elsewhere',
    output_dir: 'saves/run',
  })

  it('puts data, YAML and run.sh in the job folder, with the export deciding the dataset', () => {
    const plan = planJob({
      jobId: 'J',
      places: { home: '/home/u', baseDir: '/home/u/jobs' },
      form,
      exported: exported(true),
      profile,
    })
    expect(plan.jobDir).toBe('/home/u/jobs/J')
    expect(plan.config).toMatchObject({
      dataset: 'study',
      dataset_dir: '/home/u/jobs/J/data',
      eval_dataset: 'study_validation',
      val_size: 0,
      output_dir: '/home/u/jobs/J/saves/run',
      template: 'deepseek',
    })
    expect(plan.files.map((f) => f.path)).toEqual([
      '/home/u/jobs/J/data/data.json',
      '/home/u/jobs/J/train.yaml',
      '/home/u/jobs/J/run.sh',
    ])
    const run = plan.files[2].content
    expect(run).toContain("cd -- '/home/u/jobs/J' || exit 1")
    expect(run).toContain('source ~/venv/bin/activate')
    expect(run).toContain('export CUDA_VISIBLE_DEVICES=0,1\nexport FORCE_TORCHRUN=1 NPROC_PER_NODE=2')
    expect(
      planJob({
        jobId: 'J',
        places: { home: '/h', baseDir: '/b' },
        form: { ...form, output_dir: '/abs/out' },
        exported: exported(false),
        profile,
      }).config,
    ).toMatchObject({ output_dir: '/abs/out', val_size: 0.001 })
    expect(
      planJob({
        jobId: 'J',
        places: { home: '/h', baseDir: '/b' },
        form: { ...form, output_dir: '~/out' },
        exported: exported(false),
        profile,
      }).outputDir,
    ).toBe('/h/out')
    expect(gpuEnvironment(1)).toBe('export CUDA_VISIBLE_DEVICES=0')
  })
})
