import type { Command } from 'commander';
import { SmlogsError } from '../../core/errors';
import type { RawConnectionOpts } from '../options';

export async function runDescribe(args: string[], o: RawConnectionOpts & Record<string, unknown>, cmd: Command): Promise<number> {
  void args;
  void o;
  void cmd;
  throw new SmlogsError('describe is not implemented yet');
}
