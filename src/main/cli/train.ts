import { Option, type Command } from 'commander'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import cliProgress from 'cli-progress'
import type { ApiClient } from '@shared/api'
import { WorkbenchError } from '@shared/errors'
import type { TrainConfigInput } from '@shared/trainConfig'
import type { SshProfileView, TrainingJobView } from '@shared/training'
import type { OpenWorkspace } from './context'
import { plural } from '@shared/plural'

const ENDED = ['completed', 'failed', 'cancelled', 'lost']

/** `train …`: SSH profiles and remote LLaMA-Factory jobs, through the same API as the app. */
export function registerTrainCommands(program: Command, open: OpenWorkspace) {
  program
    .command('train-export <datasetId> <dir>')
    .description(
      'write LLaMA-Factory training files (data.json, dataset_info.json, train.yaml) for a dataset into <dir>/data and <dir>',
    )
    .option('--sharegpt', 'classic ShareGPT layout instead of the OpenAI-style messages')
    .option('--per-turn', 'one sample per counselor turn')
    .addOption(
      new Option(
        '--samples <style>',
        "system-prompt: the counselor prompt and the dialogue as messages; seed-context: MAGneT's samples (client information, reason for counseling and history -> the counselor reply, alpaca); default: the run's counselor method, else system-prompt",
      ).choices(['system-prompt', 'seed-context']),
    )
    .option('--min-turns <n>', 'leave out shorter dialogues', Number)
    .option('--keep-flagged', 'keep dialogues with flagged turns')
    .option(
      '--validation <share>',
      'hold out this share of dialogues (0 to 0.5; default 0: val_size 0.001 in the YAML)',
      Number,
    )
    .option('--model <preset>', 'qwen2-7b-instruct | deepseek-llm-7b-chat', 'qwen2-7b-instruct')
    .option('--dataset-name <name>', 'dataset name in dataset_info.json (as train launch takes it)', 'simpsy')
    .addOption(new Option('--name <name>', 'old spelling of --dataset-name').hideHelp())
    .action(async (datasetId: string, dir: string, o) => {
      const { files, summary } = await open().api.exportTrainingData({
        datasetId,
        layout: o.sharegpt ? 'sharegpt' : 'messages',
        sampleStyle: o.samples ?? 'auto',
        perTurnSplit: Boolean(o.perTurn),
        minTurns: o.minTurns,
        excludeFlagged: !o.keepFlagged,
        validationShare: o.validation ?? 0,
        model: o.model,
        datasetName: o.name ?? o.datasetName,
      })
      mkdirSync(join(dir, 'data'), { recursive: true })
      for (const f of files) writeFileSync(join(dir, f.fileName === 'train.yaml' ? '' : 'data', f.fileName), f.content)
      console.log(
        `${plural(summary.samples, `${summary.sampleStyle ?? 'system-prompt'} sample`, `${summary.sampleStyle ?? 'system-prompt'} samples`)} (${summary.trainSamples} train, ${summary.validationSamples} validation) from ${plural(summary.dialogues, 'dialogue', 'dialogues')}, ~${plural(summary.estimatedTokens, 'token', 'tokens')}; filtered: ${JSON.stringify(summary.filtered)}`,
      )
      const context = summary.seedContext
      if (context)
        console.log(
          `Client information and reason for counseling: from the seed in ${plural(context.seed, 'dialogue', 'dialogues')}, derived from the role card in ${context.derived}, missing (no role card) in ${context.none}`,
        )
      console.log(
        `Wrote ${dir}/data/ and ${dir}/train.yaml. On the GPU machine: llamafactory-cli train train.yaml (from ${dir})`,
      )
    })

  const train = program
    .command('train')
    .description('fine-tune on a GPU server over SSH (LLaMA-Factory); see also train-export')

  const profileOf = async (api: ApiClient, nameOrId: string): Promise<SshProfileView> => {
    const found = (await api.listSshProfiles()).find((p) => p.name === nameOrId || p.id === nameOrId)
    if (!found) throw new WorkbenchError('not_found', `No SSH profile called "${nameOrId}" (see: train profiles).`)
    return found
  }

  train
    .command('profiles')
    .description('list SSH profiles')
    .option('--json', 'print JSON')
    .action(async (o) => {
      const list = await open().api.listSshProfiles()
      if (o.json) return console.log(JSON.stringify(list, null, 2))
      for (const p of list) {
        const key = p.hostKey ? p.hostKey.fingerprint : 'host key not accepted'
        console.log(
          `${p.id}\t${p.name}\t${p.username}@${p.host}:${p.port}\t${p.auth === 'agent' ? 'agent' : p.privateKeyPath}\t${key}`,
        )
      }
      console.log(plural(list.length, 'profile', 'profiles'))
    })

  train
    .command('profile-save')
    .description(
      'add or update an SSH profile by name (a key passphrase is read from an environment variable, never from the command line)',
    )
    .requiredOption('--name <name>')
    .requiredOption('--host <host>')
    .requiredOption('--user <user>')
    .option('--port <port>', 'SSH port', Number)
    .option('--key <file>', 'private key file')
    .option('--agent', 'log in with the SSH agent (SSH_AUTH_SOCK) instead of a key file')
    .option('--passphrase-env <VAR>', "name of the environment variable holding the key's passphrase")
    .option('--remote-dir <dir>', 'folder on the server for the jobs (default ~/simpsy-training)')
    .option('--setup <command>', 'run before training, e.g. "source ~/miniconda3/bin/activate llamafactory"')
    .option('--gpus <n>', 'GPUs to train on', Number)
    .option('--workbench <command>', 'how the workbench starts there, for remote runs (default: simpsy)')
    .action(async (o) => {
      const api = open().api
      const existing = (await api.listSshProfiles()).find((p) => p.name === o.name)
      const passphrase = o.passphraseEnv ? process.env[o.passphraseEnv] : undefined
      if (o.passphraseEnv && passphrase === undefined)
        throw new WorkbenchError('invalid_input', `--passphrase-env: ${o.passphraseEnv} is not set`)
      const saved = await api.saveSshProfile({
        id: existing?.id,
        name: o.name,
        host: o.host,
        username: o.user,
        auth: o.agent ? 'agent' : 'key',
        privateKeyPath: o.key ?? existing?.privateKeyPath ?? '',
        passphrase,
        // An update keeps what it does not name.
        ...(existing && {
          port: existing.port,
          remoteDir: existing.remoteDir,
          setupCommand: existing.setupCommand,
          gpus: existing.gpus,
          workbenchCommand: existing.workbenchCommand,
        }),
        ...defined({
          port: o.port,
          remoteDir: o.remoteDir,
          setupCommand: o.setup,
          gpus: o.gpus,
          workbenchCommand: o.workbench,
        }),
      })
      console.log(
        `Saved SSH profile "${saved.name}" (${saved.id}).${saved.hostKey ? '' : ` Next: npm run cli -- train host-key "${saved.name}"`}`,
      )
    })

  train
    .command('host-key <profile>')
    .description("show the server's host key and whether it is trusted; --accept trusts it")
    .option(
      '--accept [fingerprint]',
      'trust the key the server presents (only if it is this SHA256:… fingerprint, when given)',
    )
    .action(async (name: string, o) => {
      const api = open().api
      const profile = await profileOf(api, name)
      const check = await api.checkHostKey({ id: profile.id })
      console.log(
        `${profile.username}@${profile.host}:${profile.port} presents ${check.type} ${check.fingerprint}: ${check.status}`,
      )
      if (check.status === 'changed')
        console.log(
          `WARNING: the accepted key was ${check.expected}. Accept the new one only if the server's administrator confirms it changed.`,
        )
      if (!o.accept) {
        if (check.status !== 'trusted')
          console.log(
            `Compare it with the server's (ssh-keygen -lf /etc/ssh/ssh_host_${check.type.replace(/^ssh-|-.*$/g, '')}_key.pub), then: npm run cli -- train host-key "${profile.name}" --accept ${check.fingerprint}`,
          )
        return
      }
      const accepted = await api.acceptHostKey({
        id: profile.id,
        fingerprint: typeof o.accept === 'string' ? o.accept : check.fingerprint,
      })
      console.log(`Accepted ${accepted.hostKey!.type} ${accepted.hostKey!.fingerprint} for "${accepted.name}".`)
    })

  train
    .command('profile-test <profile>')
    .description('log in and report python, llamafactory-cli and the GPUs')
    .action(async (name: string) => {
      const api = open().api
      const result = await api.testSshProfile({ id: (await profileOf(api, name)).id })
      for (const line of result.details) console.log(line)
      console.log(result.ok ? 'OK: ready to train.' : 'NOT READY (see above).')
      if (!result.ok) process.exitCode = 1
    })

  train
    .command('launch <datasetId>')
    .description(
      "upload a dataset's training files and start llamafactory-cli on the server (the paper's hyperparameters unless changed)",
    )
    .requiredOption('--profile <name>', 'SSH profile name or id')
    .option('--name <name>', 'job name')
    .option('--model <preset>', 'qwen2-7b-instruct | deepseek-llm-7b-chat', 'qwen2-7b-instruct')
    .option('--base-model <id or path>', "model_name_or_path instead of the preset's")
    .option('--template <template>', "chat template instead of the preset's")
    .option('--lora <rank>', 'LoRA with this rank instead of full fine-tuning', Number)
    .option('--epochs <n>', 'num_train_epochs', Number)
    .option('--lr <rate>', 'learning_rate', Number)
    .option('--batch-size <n>', 'per_device_train_batch_size', Number)
    .option('--grad-accum <n>', 'gradient_accumulation_steps', Number)
    .option('--cutoff-len <n>', 'cutoff_len', Number)
    .option('--logging-steps <n>', 'logging_steps', Number)
    .option('--save-steps <n>', 'save_steps', Number)
    .option('--output-dir <dir>', 'output_dir (relative: inside the job folder)', 'saves/simpsy-counselor')
    .option('--sharegpt', 'classic ShareGPT layout instead of the OpenAI-style messages')
    .option('--per-turn', 'one sample per counselor turn')
    .addOption(
      new Option(
        '--samples <style>',
        "system-prompt: the counselor prompt and the dialogue as messages; seed-context: MAGneT's samples (client information, reason for counseling and history -> the counselor reply, alpaca); default: the run's counselor method, else system-prompt",
      ).choices(['system-prompt', 'seed-context']),
    )
    .option('--min-turns <n>', 'leave out shorter dialogues', Number)
    .option('--keep-flagged', 'keep dialogues with flagged turns')
    .option('--validation <share>', 'hold out this share of dialogues (0 to 0.5)', Number)
    .option('--dataset-name <name>', 'dataset name in dataset_info.json', 'simpsy')
    .option('--follow', 'then follow the job until it ends')
    .option('--interval <seconds>', 'with --follow: seconds between reads', Number, 5)
    .action(async (datasetId: string, o) => {
      const api = open().api
      const profile = await profileOf(api, o.profile)
      const defaults = await api.trainingConfigDefaults({
        model: o.model,
        datasetName: o.datasetName,
        outputDir: o.outputDir,
      })
      const config: TrainConfigInput = {
        ...defaults,
        ...defined({
          model_name_or_path: o.baseModel,
          template: o.template,
          num_train_epochs: o.epochs,
          learning_rate: o.lr,
          per_device_train_batch_size: o.batchSize,
          gradient_accumulation_steps: o.gradAccum,
          cutoff_len: o.cutoffLen,
          logging_steps: o.loggingSteps,
          save_steps: o.saveSteps,
        }),
        ...(o.lora !== undefined ? { finetuning_type: 'lora', lora_rank: o.lora } : {}),
      }
      const job = await api.launchTraining({
        name: o.name ?? `${o.datasetName} ${new Date().toISOString().slice(0, 16)}`,
        profileId: profile.id,
        export: {
          datasetId,
          layout: o.sharegpt ? 'sharegpt' : 'messages',
          perTurnSplit: Boolean(o.perTurn),
          excludeFlagged: !o.keepFlagged,
          datasetName: o.datasetName,
          model: o.model,
          outputDir: o.outputDir,
          ...defined({ minTurns: o.minTurns, validationShare: o.validation }),
        },
        config,
      })
      const s = job.exportSummary
      console.log(
        `Uploaded ${plural(s.samples, 'sample', 'samples')} (${s.trainSamples} train, ${s.validationSamples} validation) to ${job.remoteDir}`,
      )
      console.log(`Job ${job.id} ${job.status} on "${job.profileName}" (pid ${job.pid}); output in ${job.outputDir}`)
      if (o.follow) await follow(api, job.id, o.interval)
      else console.log(`Follow it with: npm run cli -- train follow ${job.id}`)
    })

  train
    .command('status [jobId]')
    .description('list training jobs, or read one on its server and show it')
    .option('--json', 'print JSON')
    .action(async (jobId: string | undefined, o) => {
      const api = open().api
      if (!jobId) {
        const list = await api.listTrainingJobs()
        if (o.json) return console.log(JSON.stringify(list, null, 2))
        for (const j of list) console.log(`${j.id}\t${j.status}\t${progressText(j)}\t${j.profileName}\t${j.name}`)
        return console.log(plural(list.length, 'job', 'jobs'))
      }
      const job = await api.refreshTrainingJob({ id: jobId })
      if (o.json) return console.log(JSON.stringify(job, null, 2))
      console.log(
        `${job.name} (${job.id}) on "${job.profileName}": ${job.status}${job.exitCode !== null ? ` (exit code ${job.exitCode})` : ''}`,
      )
      console.log(`  ${progressText(job)}`)
      console.log(`  folder ${job.remoteDir}; output ${job.outputDir}`)
      if (job.failureReason) console.log(`  reason: ${job.failureReason}`)
      if (job.logTail)
        console.log(
          `  last lines of train.log:\n${job.logTail
            .split('\n')
            .slice(-10)
            .map((l) => `    ${l}`)
            .join('\n')}`,
        )
    })

  train
    .command('follow <jobId>')
    .description('show progress (steps, epoch, loss, ETA) until the job ends; exits non-zero unless it completed')
    .option('--interval <seconds>', 'seconds between reads', Number, 5)
    .action(async (jobId: string, o) => follow(open().api, jobId, o.interval))

  train
    .command('cancel <jobId>')
    .description("stop the job's whole process group on the server")
    .action(async (jobId: string) => {
      const job = await open().api.cancelTrainingJob({ id: jobId })
      console.log(`Job ${job.id} ${job.status}. ${progressText(job)}`)
    })

  train
    .command('serve <jobId>')
    .description('start an OpenAI-compatible server for the trained model on the server and add it as an endpoint')
    .option('--command <command>', '{model} = output folder, {port} = port', 'vllm serve {model} --port {port}')
    .option('--port <port>', 'port', Number, 8000)
    .option('--base-url <url>', 'how the workbench reaches it (default http://<host>:<port>/v1)')
    .action(async (jobId: string, o) => {
      const endpoint = await open().api.serveTrainedModel({
        id: jobId,
        command: o.command,
        port: o.port,
        ...defined({ baseURL: o.baseUrl }),
      })
      console.log(`Added endpoint "${endpoint.name}" (${endpoint.id}): ${endpoint.model} at ${endpoint.baseURL}`)
    })
}

function defined<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>
}

const clock = (seconds: number | null | undefined) => {
  if (seconds === null || seconds === undefined) return '--:--'
  const s = Math.round(seconds)
  return `${Math.floor(s / 3600)}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`
}

const lastLoss = (job: TrainingJobView) => job.points.findLast((p) => p.loss !== null)?.loss ?? null

function progressText(job: TrainingJobView): string {
  const last = job.points.at(-1)
  if (!last) return 'no steps logged yet'
  const loss = lastLoss(job)
  const evalLoss = job.points.findLast((p) => p.evalLoss !== null)?.evalLoss
  return `step ${last.step}/${last.totalSteps ?? '?'}, epoch ${last.epoch?.toFixed(2) ?? '?'}, loss ${loss?.toFixed(4) ?? '-'}${evalLoss != null ? `, eval loss ${evalLoss.toFixed(4)}` : ''}`
}

/** Reads the job every `intervalSeconds` with a progress bar until it ends; non-zero exit unless it completed. */
async function follow(api: ApiClient, id: string, intervalSeconds: number) {
  const bar = new cliProgress.SingleBar(
    { format: ' {bar} {value}/{total} steps | epoch {epoch} | loss {loss} | ETA {eta}', hideCursor: true },
    cliProgress.Presets.shades_classic,
  )
  let job = await api.getTrainingJob({ id })
  bar.start(1, 0, { epoch: '-', loss: '-', eta: '--:--' })
  let status = job.status
  console.log(`Following ${job.name} (${job.id}) on "${job.profileName}": ${status}`)
  const interrupt = () => {
    bar.stop()
    console.log(`\nStopped following; the job keeps running on the server. Again: npm run cli -- train follow ${id}`)
    process.exit(130)
  }
  process.once('SIGINT', interrupt)
  try {
    for (;;) {
      job = await api.refreshTrainingJob({ id })
      const last = job.points.at(-1)
      if (last) {
        bar.setTotal(last.totalSteps ?? Math.max(last.step, 1))
        bar.update(last.step, {
          epoch: last.epoch?.toFixed(2) ?? '-',
          loss: lastLoss(job)?.toFixed(4) ?? '-',
          eta: clock(last.remainingSeconds),
        })
      }
      if (job.status !== status) {
        status = job.status
        if (!process.stdout.isTTY) console.log(`status: ${status}`)
      }
      if (ENDED.includes(job.status)) break
      await new Promise((resolve) => setTimeout(resolve, Math.max(0.05, intervalSeconds) * 1000))
    }
  } finally {
    bar.stop()
    process.off('SIGINT', interrupt)
  }
  if (job.status === 'completed')
    console.log(
      `Job ${job.id} completed: ${progressText(job)}. The model is in ${job.outputDir} on "${job.profileName}".`,
    )
  else {
    console.log(
      `Job ${job.id} ${job.status}: ${progressText(job)}.${job.failureReason ? ` Reason: ${job.failureReason}` : ''}`,
    )
    process.exitCode = 1
  }
}
