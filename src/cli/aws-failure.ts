import { awsMessage, classifyAwsError, errorName } from '../aws/errors';
import { SmlogsError } from '../core/errors';
import { JOB_TYPE_NOUN, type JobRef } from '../sagemaker/job';

/**
 * Turns an AWS failure into the one line a user needs: what failed, on which job, and what to
 * do. The job's account (from an ACK resource or an ARN) explains most AccessDenied and "not
 * found" answers: credentials of another account.
 */
export function explainAwsFailure(e: unknown, job: JobRef, doing: string): SmlogsError {
  if (e instanceof SmlogsError) return e;
  const kind = classifyAwsError(e);
  const what = `${JOB_TYPE_NOUN[job.type]} ${job.name}`;
  const accountHint = job.account ? `; the resource says it belongs to account ${job.account}: if your credentials are for another account, pass --profile` : '';
  switch (kind) {
    case 'not-found':
      return new SmlogsError(`${what} not found in SageMaker in ${job.region} (${awsMessage(e)})${accountHint || '; check the Region (--region) and the AWS account of your credentials (--profile)'}`, undefined, { cause: e });
    case 'access-denied':
      return new SmlogsError(`not allowed to ${doing} ${what} in ${job.region}: ${awsMessage(e)}${accountHint}`, undefined, { cause: e });
    case 'credentials':
      return new SmlogsError(`no usable AWS credentials to ${doing} ${what}: ${awsMessage(e)}; set AWS_PROFILE or --profile, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY`, undefined, { cause: e });
    case 'throttled':
    case 'transient':
      return new SmlogsError(`could not ${doing} ${what} in ${job.region} after retries: ${awsMessage(e)}`, undefined, { cause: e });
    default:
      return new SmlogsError(`could not ${doing} ${what} in ${job.region}: ${errorName(e)}: ${awsMessage(e)}`, undefined, { cause: e });
  }
}
