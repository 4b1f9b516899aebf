import { describe, expect, it } from 'vitest';
import { Mailbox } from '../../../../src/app/runtime/mailbox.js';

/** A promise the test resolves by hand. */
function gate(): { promise: Promise<void>; open(): void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

describe('Mailbox', () => {
  it('runs one item at a time, in the order posted', async () => {
    const mailbox = new Mailbox();
    const log: string[] = [];
    const first = gate();
    const a = mailbox.post(async () => {
      log.push('a starts');
      await first.promise;
      log.push('a ends');
      return 'a';
    });
    const b = mailbox.post(async () => {
      log.push('b runs');
      return 'b';
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(log).toEqual(['a starts']);
    expect(mailbox.busy).toBe(true);
    first.open();
    expect(await Promise.all([a, b])).toEqual(['a', 'b']);
    expect(log).toEqual(['a starts', 'a ends', 'b runs']);
  });

  it('goes on after an item fails, and hands the failure to its poster only', async () => {
    const mailbox = new Mailbox();
    const failed = mailbox.post(async () => {
      throw new Error('boom');
    });
    const next = mailbox.post(async () => 2);
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe(2);
  });

  it('is idle once every item posted so far has finished', async () => {
    const mailbox = new Mailbox();
    expect(mailbox.busy).toBe(false);
    const open = gate();
    let finished = false;
    void mailbox.post(async () => {
      await open.promise;
      finished = true;
    });
    void mailbox
      .post(async () => {
        throw new Error('ignored');
      })
      .catch(() => undefined);
    const idle = mailbox.idle();
    open.open();
    await idle;
    expect(finished).toBe(true);
    expect(mailbox.busy).toBe(false);
  });
});
