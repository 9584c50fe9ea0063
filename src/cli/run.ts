import { Command } from 'commander';
import { ExitCode } from '../core/exit-codes';
import { buildInfo } from '../core/build-info';

export async function run(argv: string[]): Promise<void> {
  const program = new Command('kubectl smlogs');
  program.command('version').description('print version information').action(() => {
    const info = buildInfo();
    process.stdout.write(`kubectl-smlogs ${info.version} (commit ${info.commit})\n`);
  });
  await program.parseAsync(argv, { from: 'user' });
  process.exitCode = ExitCode.Ok;
}
