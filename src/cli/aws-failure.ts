import { callerAccount } from '../aws/clients';
import { awsMessage, classifyAwsError, credentialProblem, errorName } from '../aws/errors';
import { SmlogsError } from '../core/errors';
import { JOB_TYPE_NOUN, type JobRef } from '../sagemaker/job';

/**
 * Turns an AWS failure into the one line a user needs: what failed, on which job, and what to
 * do. The job's account (from an ACK resource or an ARN) explains most AccessDenied and "not
 * found" answers: credentials of another account. `caller` is the account of the credentials in
 * use, when known (see explainAwsFailureChecked); without it the line can only say which account
 * the job belongs to.
 */
export function explainAwsFailure(e: unknown, job: JobRef, doing: string, caller?: string): SmlogsError {
  if (e instanceof SmlogsError) return e;
  const kind = classifyAwsError(e);
  const what = `${JOB_TYPE_NOUN[job.type]} ${job.name}`;
  const sameAccount = job.account !== undefined && caller === job.account;
  const hint = accountHint(job, caller);
  switch (kind) {
    case 'not-found': {
      const next = hint || (sameAccount ? `; your credentials are for its account ${job.account}, so check the name and the Region` : '; check the Region (--region) and the AWS account of your credentials (--profile)');
      return new SmlogsError(`${what} not found in SageMaker in ${job.region} (${awsMessage(e)})${next}`, undefined, { cause: e });
    }
    case 'access-denied':
      return new SmlogsError(`not allowed to ${doing} ${what} in ${job.region}: ${awsMessage(e)}${hint}`, undefined, { cause: e });
    case 'credentials': {
      // The service's sentence ends with a period; ours goes on after it.
      const said = awsMessage(e).replace(/\.$/, '');
      switch (credentialProblem(e)) {
        case 'expired':
          return new SmlogsError(`the AWS credentials have expired, so could not ${doing} ${what} in ${job.region} (${said}); renew them (aws sso login, or a new AWS_SESSION_TOKEN) and run again`, undefined, { cause: e });
        case 'rejected':
          return new SmlogsError(`AWS rejected the credentials used to ${doing} ${what} in ${job.region} (${said}); check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or pass --profile`, undefined, { cause: e });
        default:
          return new SmlogsError(`no usable AWS credentials to ${doing} ${what}: ${said}; set AWS_PROFILE or pass --profile, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY`, undefined, { cause: e });
      }
    }
    case 'throttled':
    case 'transient':
      return new SmlogsError(`could not ${doing} ${what} in ${job.region} after retries: ${awsMessage(e)}`, undefined, { cause: e });
    default:
      return new SmlogsError(`could not ${doing} ${what} in ${job.region}: ${errorName(e)}: ${awsMessage(e)}`, undefined, { cause: e });
  }
}

/** `; the job belongs to account A but your credentials are for account B; …` when they differ; '' when they match or the job's account is unknown. */
export function accountHint(job: JobRef, caller: string | undefined): string {
  if (job.account === undefined || caller === job.account) return '';
  if (caller === undefined) return `; the resource says it belongs to account ${job.account}: if your credentials are for another account, pass --profile`;
  return `; ${job.type === 'endpoint' ? 'the endpoint' : 'the job'} belongs to account ${job.account} but your credentials are for account ${caller}; pass --profile for the right account`;
}

/** The caller's account when it can explain this failure (AccessDenied or not-found of a job of known account): STS GetCallerIdentity. */
export async function callerAccountFor(e: unknown, job: JobRef, profile: string | undefined, signal?: AbortSignal): Promise<string | undefined> {
  if (e instanceof SmlogsError || job.account === undefined) return undefined;
  const kind = classifyAwsError(e);
  if (kind !== 'not-found' && kind !== 'access-denied') return undefined;
  return callerAccount({ region: job.region, ...(profile ? { profile } : {}) }, signal).catch(() => undefined);
}

/**
 * explainAwsFailure, exact about accounts: when an AccessDenied or not-found failure concerns a
 * job whose account is known, asks STS which account the credentials are for (same region and
 * profile as the failed call), so that the line says whether the accounts differ. If STS cannot
 * say, the line is explainAwsFailure's.
 */
export async function explainAwsFailureChecked(e: unknown, job: JobRef, doing: string, profile: string | undefined, signal?: AbortSignal): Promise<SmlogsError> {
  return explainAwsFailure(e, job, doing, await callerAccountFor(e, job, profile, signal));
}
