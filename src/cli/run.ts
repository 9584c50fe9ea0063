import { Command, CommanderError, Option } from 'commander';
import { scrub, setDebug } from '../core/debug';
import { isSmlogsError, UsageError } from '../core/errors';
import { ExitCode } from '../core/exit-codes';
import { normalizeArgv } from './argv';
import type { RawLogsOpts } from './commands/logs';
import { complete, specOf, type CliSpec } from './completion';
import { completionScript, SHELLS, type Shell } from './completion-scripts';
import { loadedVerbs, loadVerbs } from './load-verbs';
import { outHasColors, outHelpWidth, writeOut } from './stdout';
import { commanderLine } from './usage';
import { versionText } from './version';
import { addConnectionOptions as addConnection, addLogDisplayOptions as addLogDisplay } from './options';

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

  # In CI: wait for the job with its logs; the exit code is the job's (docs/ci.md)
  kubectl smlogs wait trainingjob xgboost-mnist --logs --timeout 6h

  # Every SageMaker resource of the namespace with its live status; one in detail
  kubectl smlogs list
  kubectl smlogs describe trainingjob xgboost-mnist

Exit codes: 0 ok (job Completed), 1 error, 2 usage, 3 job Failed, 4 job Stopped, 5 --timeout, 130 interrupted (Ctrl-C), 143 terminated (SIGTERM).`;

const DESCRIBE_EXAMPLES = `
Examples:
  kubectl smlogs describe trainingjob xgboost-mnist -n ml-team
  kubectl smlogs describe hpo my-tuning -o json | jq .sagemaker.tuning.bestTrainingJob
  kubectl smlogs describe trainingjob arn:aws:sagemaker:us-west-2:111122223333:training-job/my-job

-o json|yaml prints one document (apiVersion kubectl-smlogs/v1, kind JobDescription) with both the
Kubernetes object and SageMaker's description; see docs/describe-schema.md.`;

const STOP_EXAMPLES = `
Examples:
  kubectl smlogs stop trainingjob xgboost-mnist --dry-run
  kubectl smlogs stop trainingjob xgboost-mnist --yes --wait --timeout 10m

You must be allowed to delete the resource (deleting it is how both operators stop a job).
A job that has already ended is not an error (exit 0). With --wait: exit 4 once Stopped.`;

const WAIT_EXAMPLES = `
Examples:
  # In CI: fail the pipeline when the job fails, with its logs in the build log
  kubectl smlogs wait trainingjob xgboost-mnist --logs --timeout 6h

Exit codes: 0 Completed (endpoints: InService), 3 Failed, 4 Stopped, 5 --timeout, 1 error.`;

const LIST_EXAMPLES = `
Examples:
  kubectl smlogs list
  kubectl smlogs list trainingjobs -A -o json

STATUS is SageMaker's live status; a trailing * marks the resource's own (lagging) status, shown
when SageMaker could not be asked.`;

/** `only`: give the ~30 shared options to that verb alone (see below); undefined: to every verb. */
function program(only?: string): Command {
  // commander takes ~2 ms to build the shared connection and display options of every verb, a
  // cost --help, version and completion would pay on every start for options they never parse.
  const lean =
    (add: (cmd: Command) => Command) =>
    (cmd: Command): Command =>
      only === undefined || cmd.name() === only ? add(cmd) : cmd;
  const addConnectionOptions = lean(addConnection);
  const addLogDisplayOptions = lean(addLogDisplay);
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
    exitWith(await (await loadVerbs()).runLogs(name === undefined ? [kind] : [kind, name], opts, cmd));
  });

  const describe = root
    .command('describe')
    .usage('KIND NAME [-o text|json|yaml] [flags]')
    .description('show the Kubernetes object and the live SageMaker job side by side')
    .argument('<KIND>', 'the kind (or KIND/NAME)')
    .argument('[NAME]', 'the Kubernetes object name, or a SageMaker ARN')
    .option('-o, --output <format>', 'text, json or yaml', 'text')
    .option('--color <when>', 'auto, always or never', 'auto')
    .addHelpText('after', DESCRIBE_EXAMPLES);
  addConnectionOptions(describe);
  describe.action(async (kind: string, name: string | undefined, opts, cmd: Command) => {
    exitWith(await (await loadVerbs()).runDescribe(name === undefined ? [kind] : [kind, name], opts, cmd));
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
    .option('--interval <duration>', 'with --wait: how often to poll SageMaker', '10s')
    .option('--color <when>', 'auto, always or never', 'auto')
    .addHelpText('after', STOP_EXAMPLES);
  addConnectionOptions(stop);
  stop.action(async (kind: string, name: string | undefined, opts, cmd: Command) => {
    exitWith(await (await loadVerbs()).runStop(name === undefined ? [kind] : [kind, name], opts, cmd));
  });

  const wait = root
    .command('wait')
    .usage('KIND NAME [--timeout DUR] [--logs] [flags]')
    .description('wait until the job ends; exit 0 Completed, 3 Failed, 4 Stopped, 5 timeout')
    .argument('<KIND>', 'the kind (or KIND/NAME)')
    .argument('[NAME]', 'the Kubernetes object name, or a SageMaker ARN')
    .option('--timeout <duration>', 'give up after this long (exit 5)')
    .option('--interval <duration>', 'how often to poll SageMaker', '10s')
    .option('--logs', 'stream the job\'s logs while waiting')
    .addHelpText('after', WAIT_EXAMPLES);
  addLogDisplayOptions(wait);
  addConnectionOptions(wait);
  wait.action(async (kind: string, name: string | undefined, opts, cmd: Command) => {
    exitWith(await (await loadVerbs()).runWait(name === undefined ? [kind] : [kind, name], opts, cmd));
  });

  const list = root
    .command('list')
    .usage('[KIND] [-A] [flags]')
    .description('SageMaker custom resources of both operators with their live SageMaker status')
    .argument('[KIND]', 'only this kind')
    .option('-A, --all-namespaces', 'list across all namespaces')
    .option('-o, --output <format>', 'text (default), wide, json or yaml', 'text')
    .option('--color <when>', 'auto, always or never', 'auto')
    .addHelpText('after', LIST_EXAMPLES);
  addConnectionOptions(list);
  list.action(async (kind: string | undefined, opts, cmd: Command) => {
    exitWith(await (await loadVerbs()).runList(kind === undefined ? [] : [kind], opts, cmd));
  });

  root
    .command('completion')
    .usage('bash|zsh|fish')
    .description('print a shell completion script for kubectl-smlogs: bash, zsh or fish')
    .argument('<shell>', 'bash, zsh or fish')
    .action((shell: string) => {
      if (!(SHELLS as readonly string[]).includes(shell)) throw new UsageError(`unknown shell "${shell}" for completion: use bash, zsh or fish`);
      writeOut(completionScript(shell as Shell));
      exitWith(ExitCode.Ok);
    });

  root
    .command('version')
    .description('print the plugin, Node.js and SDK versions')
    .option('-o, --output <format>', 'text or json', 'text')
    .action((opts: { output?: string }) => {
      writeOut(versionText(opts.output));
      exitWith(ExitCode.Ok);
    });
  return root;
}

/** The command line's verbs and flags, for shell completion (and its tests). */
export function commandSpec(): CliSpec {
  return specOf(program());
}

let pendingExit: number | undefined;

function exitWith(code: number): void {
  pendingExit = code;
}

/** Runs the command line; returns the exit code. Errors become one line on stderr. */
export async function run(argv: string[]): Promise<number> {
  // Shell completion (Cobra's protocol; kubectl_complete-smlogs runs `__complete`): never an error.
  if (argv[0] === '__complete' || argv[0] === '__completeNoDesc') {
    return complete(commandSpec(), argv.slice(1), argv[0] === '__complete', {
      lookup: async (l, o) => (await loadVerbs()).clusterCandidates(l, o),
      write: writeOut,
    });
  }
  const args = normalizeArgv(argv);
  // The verb that will run gets its options; `help VERB` shows any verb's, so it gets them all.
  const root = program(args[0] === 'help' ? undefined : (args[0] ?? ''));
  // normalizeArgv turned kubectl's -v=N / --v=N into --verbose; flags end at `--`.
  const flags = args.includes('--') ? args.slice(0, args.indexOf('--')) : args;
  const verbose = flags.includes('-v') || flags.includes('--verbose');
  setDebug(verbose);
  root.exitOverride();
  for (const c of root.commands) c.exitOverride();
  root.configureOutput({
    writeOut,
    getOutHelpWidth: outHelpWidth,
    getOutHasColors: outHasColors,
    writeErr: () => undefined,
    outputError: () => undefined,
  });
  for (const c of root.commands) c.configureOutput({ writeOut, getOutHelpWidth: outHelpWidth, getOutHasColors: outHasColors, writeErr: (s) => process.stderr.write(s), outputError: () => undefined });
  try {
    await root.parseAsync(args, { from: 'user' });
    return pendingExit ?? ExitCode.Ok;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return ExitCode.Ok;
      process.stderr.write(`error: ${scrub(commanderLine(e, args))} (see kubectl smlogs --help)\n`);
      return ExitCode.Usage;
    }
    if (isSmlogsError(e)) {
      // Messages can quote an exec plugin's stderr or a server's answer: redacted like -v's lines.
      process.stderr.write(`error: ${scrub(e.message)}\n`);
      if (verbose && e.cause) process.stderr.write(`${scrub(String((e.cause as Error).stack ?? e.cause))}\n`);
      return e.exitCode;
    }
    const err = e as Error;
    process.stderr.write(`error: ${scrub(err?.message?.split('\n')[0] ?? String(e))} (an unexpected failure; run with -v for details)\n`);
    if (verbose) process.stderr.write(`${scrub(err?.stack ?? '')}\n`);
    return ExitCode.Error;
  } finally {
    loadedVerbs()?.destroyClients();
  }
}
