// A revoked, deleted or mistyped share link: one page for all three (status 404), so it tells a
// visitor nothing about whether an image was ever behind it.
export default function ShareNotFound() {
  return (
    <main className="mx-auto flex min-h-[70vh] max-w-md flex-col items-center justify-center gap-4 px-4 text-center">
      <div
        aria-hidden="true"
        className="flex h-14 w-14 items-center justify-center rounded-full bg-zinc-100 text-2xl"
      >
        🔗
      </div>
      <h1 className="text-2xl font-semibold">This link was turned off by its owner</h1>
      <p className="text-zinc-600">
        Or it was copied incompletely. Ask the person who sent it for a new link.
      </p>
      {/* A plain link: next/link would add client code to a page that needs none. */}
      <a href="/" className="text-sm text-violet-700 underline">
        Seedream Studio
      </a>
    </main>
  );
}
