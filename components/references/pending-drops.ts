"use client";

// Files dropped on a page other than the studio, handed to the studio across a client-side
// navigation (the JS context survives it; a File cannot go through a URL or session storage).
let pending: File[] = [];

export function handOverDroppedFiles(files: File[]): void {
  pending = files;
}

export function takeDroppedFiles(): File[] {
  const files = pending;
  pending = [];
  return files;
}
