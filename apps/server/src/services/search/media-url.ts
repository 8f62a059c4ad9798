/** Stored media paths are relative to MEDIA_DIR and served under /media/; each segment is URL-encoded. */
export function mediaUrl(path: string): string {
  return `/media/${path.replace(/^\/+/, '').split('/').map(encodeURIComponent).join('/')}`;
}
