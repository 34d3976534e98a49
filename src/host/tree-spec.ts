// One description of a host file tree, used to build both the in-memory host (core tests) and a
// real temp root on disk (host, apply and CLI tests), so both kinds of test share fixtures.

export interface TreeNode {
  type?: 'file' | 'dir' | 'symlink';
  /** File content (string = UTF-8). */
  content?: string | Uint8Array;
  /** Symlink target as stored. */
  target?: string;
  /** Permission bits; default 0o644 for files, 0o755 for directories. */
  mode?: number;
  /** Default 0 (root). */
  uid?: number;
  gid?: number;
  /** Extra paths that are hard links to this file (nlink grows accordingly). */
  hardLinks?: string[];
}

/** Host path → a file's content (root:root 0644) or a full node. Parent directories are implied
 *  (root:root 0755) unless listed. */
export type TreeSpec = Record<string, string | TreeNode>;
