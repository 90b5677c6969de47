/**
 * A message over the socket's size limit (SOCKET_MESSAGE_MAX_BYTES, Socket.IO's
 * maxHttpBufferSize) never reaches Socket.IO: over a WebSocket, `ws` refuses the frame from its
 * header (maxPayload) and drops the connection; over long-polling, engine.io answers the POST 413
 * and closes the session. Either way the transport is gone before any packet middleware runs, so
 * no code can be sent back (only by raising the limit, which would let every connection buffer
 * more). What is left is the socket's `disconnect`: reason 'transport error', with the transport's
 * error as the description. This tells that case from a network drop, for the log.
 */
export function closedForSize(reason: string, description: unknown): boolean {
  if (reason !== 'transport error') return false;
  const message = description instanceof Error ? description.message : typeof description === 'string' ? description : '';
  // ws: "Max payload size exceeded" (a RangeError, WS_ERR_UNSUPPORTED_MESSAGE_LENGTH, wrapped by
  // engine.io in an Error whose message is its string); engine.io's polling: "payload too large".
  return /max payload size exceeded|payload too large/i.test(message);
}
