// Performance marks for the figures the issues ask for (first paint, a drag step), read by the
// end-to-end tests and visible in the web inspector's timeline. Measuring only: nothing here
// changes what the user sees.

/**
 * Measures from the mark `start` to just after the next frame has been rendered: the message
 * posted from a frame callback is delivered once that frame's style, layout and paint are done.
 */
export function measureToNextPaint(name: string, start: string): void {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    channel.port1.close();
    try {
      performance.measure(name, start);
    } catch {
      // The start mark was cleared (e.g. by a test); nothing to record.
    }
  };
  requestAnimationFrame(() => channel.port2.postMessage(null));
}
