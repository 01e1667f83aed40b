/**
 * The elkjs layout engine as a Web Worker. elk-worker.min.js registers its message handler on
 * `self` when it runs without a `document`, which is exactly a worker's global scope.
 */
import 'elkjs/lib/elk-worker.min.js';
