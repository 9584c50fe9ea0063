import { Command, CommanderError, Option } from 'commander';
import { destroyClients } from '../aws/clients';
import { buildInfo } from '../core/build-info';
import { isSmlogsError } from '../core/errors';
import { ExitCode } from '../core/exit-codes';
import { normalizeArgv } from './argv';
import { runDescribe } from './commands/describe';
import { runList } from './commands/list';
import { runLogs, type RawLogsOpts } from './commands/logs';
import { runStop } from './commands/stop';
import { runWait } from './commands/wait';
import { addConnectionOptions, addLogDisplayOptions } from './options';

const EXAMPLES = `
Examples:
  # Print the logs of a training job, every instance interleaved by time
  kubectl smlogs trainingjob xgboost-mnist -n ml-team

  # Follow it until it ends; exit 0 Completed, 3 Failed, 4 Stopped
  kubectl smlogs trainingjob xgboost-mnist -f

  # Last 10 lines of each instance, then follow (like tail -f)
  kubectl smlogs --tail trainingjob/xgboost-mnist

  # The training jobs of a tuning job; only the best one
  kubectl smlogs hpo my-tuning --best

  # A job outside Kubernetes, by ARN
  kubectl smlogs trainingjob arn:aws:sagemaker:us-west-2:111122223333:training-job/my-job

Exit codes: 0 ok (job Completed), 1 error, 2 usage, 3 job Failed, 4 job Stopped, 5 --timeout, 130 interrupted.`;

function program(): Command {
  const root = new Command('kubectl smlogs')
    .usage('[logs] KIND NAME [flags] | <command> ...')
    .description('Watch and control Amazon SageMaker jobs from Kubernetes: logs, describe, stop, wait.')
    .helpOption('-h, --help', 'show help')
    .addHelpText('after', EXAMPLES)
    .showSuggestionAfterError(true);

  const logs = root
    .command('logs')
    .usage('KIND NAME [flags]')
    .description("print or follow a SageMaker job's CloudWatch logs (the default command)")
    .argument('<KIND>', 'trainingjob, tuningjob, transformjob, processingjob, endpoint (or KIND/NAME)')
    .argument('[NAME]', 'the Kubernetes object name, or a SageMaker ARN')
    .option('-f, --follow', 'keep streaming until the job ends; exit with its exit code')
    .option('--tail <lines>', 'last N lines of each stream (-1 = all); bare --tail = last 10, then follow')
    .option('--since <duration>', 'only events newer than this, e.g. 30s, 5m, 2h, 1d')
    .option('--since-time <time>', 'only events at or after this RFC 3339 time')
    .option('--until-time <time>', 'only events at or before this RFC 3339 time')
    .addOption(new Option('--timeout <duration>', 'with --follow: give up after this long (exit 5)'));
  addLogDisplayOptions(logs);
  addConnectionOptions(logs);
  logs.action(async (kind: string, name: string | undefined, opts: RawLogsOpts, cmd: Command) => {
    exitWith(await runLogs(name === undefined ? [kind] : [kind, name], opts, cmd));
  });

  const describe = root
    .command('describe')
    .usage('KIND NAME [-o text|json|yaml] [flags]')
    .description('show the Kubernetes object and the live SageMaker job side by side')
    .argument('<KIND>', 'the kind (or KIND/NAME)')
    .argument('[NAME]', 'the Kubernetes object name, or a SageMaker ARN')
    .option('-o, --output <format>', 'text, json or yaml', 'text')
    .option('--color <when>', 'auto, always or never', 'auto');
  addConnectionOptions(describe);
  describe.action(async (kind: string, name: string | undefined, opts, cmd: Command) => {
    exitWith(await runDescribe(name === undefined ? [kind] : [kind, name], opts, cmd));
  });

  const stop = root
    .command('stop')
    .usage('KIND NAME [--yes] [--dry-run] [--wait] [flags]')
    .description('stop the SageMaker job (after checking you may delete its resource)')
    .argument('<KIND>', 'the kind (or KIND/NAME)')
    .argument('[NAME]', 'the Kubernetes object name, or a SageMaker ARN')
    .option('-y, --yes', 'do not ask for confirmation (required when not on a terminal)')
    .option('--dry-run', 'say what would be stopped, call nothing')
    .option('--wait', 'wait until the job is Stopped')
    .option('--timeout <duration>', 'with --wait: give up after this long (exit 5)')
    .option('--interval <duration>', 'with --wait: how often to poll SageMaker', '10s');
  addConnectionOptions(stop);
  stop.action(async (kind: string, name: string | undefined, opts, cmd: Command) => {
    exitWith(await runStop(name === undefined ? [kind] : [kind, name], opts, cmd));
  });

  const wait = root
    .command('wait')
    .usage('KIND NAME [--timeout DUR] [--logs] [flags]')
    .description('wait until the job ends; exit 0 Completed, 3 Failed, 4 Stopped, 5 timeout')
    .argument('<KIND>', 'the kind (or KIND/NAME)')
    .argument('[NAME]', 'the Kubernetes object name, or a SageMaker ARN')
    .option('--timeout <duration>', 'give up after this long (exit 5)')
    .option('--interval <duration>', 'how often to poll SageMaker', '10s')
    .option('--logs', 'stream the job\'s logs while waiting');
  addLogDisplayOptions(wait);
  addConnectionOptions(wait);
  wait.action(async (kind: string, name: string | undefined, opts, cmd: Command) => {
    exitWith(await runWait(name === undefined ? [kind] : [kind, name], opts, cmd));
  });

  const list = root
    .command('list')
    .usage('[KIND] [-A] [flags]')
    .description('SageMaker custom resources of both operators with their live SageMaker status')
    .argument('[KIND]', 'only this kind')
    .option('-A, --all-namespaces', 'list across all namespaces')
    .option('-o, --output <format>', 'text (default), wide, json or yaml', 'text')
    .option('--color <when>', 'auto, always or never', 'auto');
  addConnectionOptions(list);
  list.action(async (kind: string | undefined, opts, cmd: Command) => {
    exitWith(await runList(kind === undefined ? [] : [kind], opts, cmd));
  });

  root
    .command('version')
    .description('print the plugin, Node.js and SDK versions')
    .action(() => {
      const info = buildInfo();
      const sdk = Object.entries(info.sdk)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ');
      process.stdout.write(`kubectl-smlogs ${info.version} (commit ${info.commit}, Node.js ${process.versions.node}${sdk ? `, ${sdk}` : ''})\n`);
      exitWith(ExitCode.Ok);
    });
  return root;
}

let pendingExit: number | undefined;

function exitWith(code: number): void {
  pendingExit = code;
}

/** Runs the command line; returns the exit code. Errors become one line on stderr. */
export async function run(argv: string[]): Promise<number> {
  const root = program();
  const verbose = argv.some((a) => a === '-v' || a === '--verbose' || a.startsWith('-v=') || a.startsWith('--verbose='));
  root.exitOverride();
  for (const c of root.commands) c.exitOverride();
  root.configureOutput({
    writeErr: () => undefined,
    outputError: () => undefined,
  });
  for (const c of root.commands) c.configureOutput({ writeErr: (s) => process.stderr.write(s), outputError: () => undefined });
  try {
    await root.parseAsync(normalizeArgv(argv), { from: 'user' });
    return pendingExit ?? ExitCode.Ok;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return ExitCode.Ok;
      process.stderr.write(`error: ${e.message.replace(/^error: /, '')} (see kubectl smlogs --help)\n`);
      return ExitCode.Usage;
    }
    if (isSmlogsError(e)) {
      process.stderr.write(`error: ${e.message}\n`);
      if (verbose && e.cause) process.stderr.write(`${String((e.cause as Error).stack ?? e.cause)}\n`);
      return e.exitCode;
    }
    const err = e as Error;
    process.stderr.write(`error: ${err?.message?.split('\n')[0] ?? String(e)} (an unexpected failure; run with -v for details)\n`);
    if (verbose) process.stderr.write(`${err?.stack ?? ''}\n`);
    return ExitCode.Error;
  } finally {
    destroyClients();
  }
}
