import { AwsJson1_1Protocol } from '@aws-sdk/core/protocols';
import { collectBody } from '@smithy/core/protocols';
import type { HttpResponse } from '@smithy/types';

// GetLogEvents and FilterLogEvents answers are already in the shape the SDK returns (names,
// numbers and strings, nothing to convert), but the SDK's schema deserializer rebuilds each of
// up to 10,000 events per page, member by member: measured, it was a third of the CPU of a
// million-event catch-up, and most of its garbage. For those two operations' successful answers,
// JSON.parse is the whole job. Errors and every other operation go through the SDK unchanged.
const PLAIN_JSON_OUTPUTS = new Set(['GetLogEvents', 'FilterLogEvents']);

export class FastLogsProtocol extends AwsJson1_1Protocol {
  override async deserializeResponse<Output>(operationSchema: { name: string }, context: Parameters<AwsJson1_1Protocol['deserializeResponse']>[1], response: HttpResponse): Promise<Output> {
    if (response.statusCode >= 300 || !PLAIN_JSON_OUTPUTS.has(operationSchema.name)) {
      return super.deserializeResponse(operationSchema as never, context, response) as Promise<Output>;
    }
    const bytes = await collectBody(response.body, context as never);
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
    const data = (text.length > 0 ? JSON.parse(text) : {}) as Record<string, unknown>;
    data.$metadata = this.deserializeMetadata(response);
    return data as Output;
  }
}
