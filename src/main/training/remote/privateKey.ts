import { readFileSync } from 'node:fs'
import ssh2, { type ParsedKey } from 'ssh2'

// ssh2 is CommonJS: Node's ESM loader sees Client but not utils as a named export.
const { utils } = ssh2
import { sshError } from './sshErrors'
import { expandHome } from '../../pathPolicy'
import { registerSecret } from '../../logger'

/**
 * Reads a private key file and checks that it opens with the passphrase given (if any),
 * so a wrong path or passphrase is reported as such rather than as a refused login.
 * The passphrase never appears in a message. Returns the key decrypted, so it is parsed once.
 */
export function readPrivateKey(path: string, passphrase: string | null, profileId: string): ParsedKey {
  registerSecret(passphrase)
  const file = expandHome(path)
  let bytes: Buffer
  try {
    bytes = readFileSync(file)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EACCES'
          ? 'permission denied'
          : code === 'EISDIR'
            ? 'it is a folder'
            : (error as Error).message
    return fail(`privateKeyPath: cannot read the private key ${file} (${why}).`)
  }
  const plain = utils.parseKey(bytes)
  if (!(plain instanceof Error)) {
    if (!plain.isPrivateKey())
      return fail(`privateKeyPath: ${file} holds a public key; choose the private key file (without .pub).`)
    return plain
  }
  if (!/no passphrase given/i.test(plain.message))
    return fail(`privateKeyPath: ${file} is not a private key ssh2 can read (${plain.message}).`)
  if (!passphrase) return fail(`passphrase: the private key ${file} is encrypted; enter its passphrase.`)
  const decrypted = utils.parseKey(bytes, passphrase)
  if (decrypted instanceof Error) return fail(`passphrase: it does not decrypt the private key ${file}.`)
  return decrypted

  function fail(message: string): never {
    throw sshError('key_file', message, { profileId })
  }
}
