// Draws the pages of a board pack PDF (the bytes Rust built) onto canvases with pdf.js. pdf.js
// and its worker are bundled by Vite and loaded on first use from the app itself: no network,
// no eval, no fonts or maps fetched from anywhere.
import type { Action } from "svelte/action";
import type { PDFDocumentProxy, RenderTask } from "pdfjs-dist";

type PdfJs = typeof import("pdfjs-dist");

let loading: Promise<PdfJs> | null = null;

/** pdf.js with its worker started from the bundle (one worker, shared by every document). */
function pdfjs(): Promise<PdfJs> {
  loading ??= (async () => {
    const [lib, worker] = await Promise.all([import("pdfjs-dist"), import("pdfjs-dist/build/pdf.worker.min.mjs?worker")]);
    lib.GlobalWorkerOptions.workerPort = new worker.default();
    return lib;
  })();
  return loading;
}

/** Opens PDF bytes for drawing; `destroy()` the result when it is replaced. */
export async function openPdf(bytes: ArrayBuffer): Promise<PDFDocumentProxy> {
  const lib = await pdfjs();
  const task = lib.getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    enableXfa: false,
    stopAtErrors: true,
  });
  return task.promise;
}

/** What a canvas shows: page `page` (1-based) of `doc`, `width` CSS pixels wide. */
/** `onError` hears why a page could not be drawn. */
export type PageView = { doc: PDFDocumentProxy | null; page: number; width: number; onError?: (message: string) => void };

/** The canvas's CSS height for a page of `width` and the page's `ratio` (height / width). */
export function cssHeight(width: number, ratio: number): number {
  return Math.round(width * ratio);
}

/**
 * A Svelte action drawing one page on a canvas, sharp on high-density screens. A newer request
 * cancels the drawing in progress, so a stale page never lands on top of a fresh one. The canvas
 * carries `data-rendered="true"` once its page is drawn.
 */
export const pageCanvas: Action<HTMLCanvasElement, PageView> = (canvas, initial) => {
  let task: RenderTask | null = null;
  let run = 0;

  async function draw(view: PageView) {
    const mine = ++run;
    task?.cancel();
    task = null;
    canvas.dataset.rendered = "false";
    if (!view.doc || view.page < 1 || view.page > view.doc.numPages) return;
    try {
      const page = await view.doc.getPage(view.page);
      if (mine !== run) return;
      const natural = page.getViewport({ scale: 1 });
      const density = window.devicePixelRatio || 1;
      const viewport = page.getViewport({ scale: (view.width / natural.width) * density });
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      canvas.style.width = `${view.width}px`;
      canvas.style.height = `${cssHeight(view.width, natural.height / natural.width)}px`;
      task = page.render({ canvas, viewport });
      await task.promise;
      if (mine === run) canvas.dataset.rendered = "true";
    } catch (e) {
      // A cancelled drawing was replaced by a newer one; a destroyed document by a newer preview.
      const name = e instanceof Error ? e.name : "";
      if (name === "RenderingCancelledException" || mine !== run) return;
      canvas.dataset.rendered = "error";
      view.onError?.(`Page ${view.page} of the preview could not be drawn: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  void draw(initial);
  return {
    update: (view) => void draw(view),
    destroy: () => {
      run++;
      task?.cancel();
    },
  };
};
