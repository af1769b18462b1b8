// The control protocol between a `dondoc` command and the running bot that owns the embedded database.
//
// One request per connection, newline-delimited JSON both ways: the client sends
// { token, argv, cwd }; the bot answers with { stdout } / { stderr } chunks and a final { exit }.
import { z } from 'zod';

export const controlRequestSchema = z.object({
  token: z.string().min(1).max(200),
  argv: z.array(z.string().max(100_000)).max(200),
  cwd: z.string().min(1).max(4096),
});
export type ControlRequest = z.infer<typeof controlRequestSchema>;

export const controlReplySchema = z.union([
  z.object({ stdout: z.string() }),
  z.object({ stderr: z.string() }),
  z.object({ exit: z.number().int() }),
]);
export type ControlReply = z.infer<typeof controlReplySchema>;

export const MAX_REQUEST_BYTES = 1_000_000;
