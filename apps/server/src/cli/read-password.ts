import password from '@inquirer/password';

async function readAll(stream: NodeJS.ReadStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Reads a new password without it ever touching argv (shell history, `ps`):
 * piped on stdin (first line) for scripts, or typed twice at a hidden prompt.
 */
export async function readNewPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const [firstLine = ''] = (await readAll(process.stdin)).split(/\r?\n/);
    return firstLine;
  }
  const first = await password({ message: 'Password:', mask: true });
  const second = await password({ message: 'Repeat password:', mask: true });
  if (first !== second) throw new Error('The two passwords differ');
  return first;
}
