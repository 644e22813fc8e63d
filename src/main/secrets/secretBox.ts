import { createCipheriv, createDecipheriv, randomBytes, createHash } from 'node:crypto'
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { WorkbenchError } from '@shared/errors'
import { makePrivateDir } from '../paths'

/** Encrypts secrets (API keys, SSH passphrases) before they reach the database. */
export interface SecretBox {
  /** Where the key material lives, for the About panel (never the key itself). */
  readonly description: string
  seal(plain: string): string
  open(sealed: string): string
}

export const SECRET_ENV = 'SIMPSY_SECRET_KEY'
export const KEY_FILE_NAME = 'secret.key'

/**
 * AES-256-GCM with a key from SIMPSY_SECRET_KEY or from `<dataDir>/secret.key`
 * (created with mode 0600 on first use). Used by serve mode and the CLI; the
 * Electron shell uses the OS keychain through safeStorage instead.
 */
export function keyFileSecretBox(dataDir: string, env: NodeJS.ProcessEnv = process.env): SecretBox {
  const fromEnv = env[SECRET_ENV]
  const file = join(dataDir, KEY_FILE_NAME)
  const description = fromEnv ? `key from the ${SECRET_ENV} environment variable` : `key file ${file} (mode 0600)`
  let cached: Buffer | null = null
  // The key file is made when the first secret is stored, not merely by opening a workspace.
  const key = (): Buffer => {
    if (cached) return cached
    if (fromEnv) return (cached = createHash('sha256').update(fromEnv).digest())
    if (!existsSync(file)) {
      makePrivateDir(dataDir)
      writeFileSync(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600 })
    }
    // A copied key file may have lost its mode: keep it private to the user.
    if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600)
    const bytes = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64')
    if (bytes.length !== 32)
      throw new WorkbenchError('internal', `${file} is not a valid key file (expected 32 base64-encoded bytes).`)
    return (cached = bytes)
  }
  return {
    description,
    seal(plain) {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', key(), iv)
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join(':')
    },
    open(sealed) {
      const [version, iv, tag, body] = sealed.split(':')
      if (version !== 'v1' || !iv || !tag || body === undefined)
        throw new WorkbenchError('internal', 'A stored secret has an unknown format.')
      try {
        const decipher = createDecipheriv('aes-256-gcm', key(), Buffer.from(iv, 'base64'))
        decipher.setAuthTag(Buffer.from(tag, 'base64'))
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8')
      } catch {
        throw new WorkbenchError(
          'internal',
          `A stored secret cannot be decrypted with the ${description}. Was the key changed? Enter the API key again.`,
        )
      }
    },
  }
}
