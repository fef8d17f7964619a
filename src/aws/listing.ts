/**
 * One listing of every resource of a kind in an account and region (all pages), shared by the
 * searches that need one. Finding a resource that a crashed create left behind means listing
 * the whole account (user pool and identity pool names are not unique, and List calls filter
 * nothing); after a crash many objects search at once, and one listing serves them all.
 *
 * A search for a name uses a listing only if it began after the last create of that name here
 * ended: an older one may lack what the create made. A listing is reused for `ttlMs` at most.
 */
export interface NamedResource {
  name: string;
  id: string;
}

interface Listing {
  /** Order of events: a listing serves a name only if it began after that name's last create. */
  seq: number;
  startedAt: number;
  resources: Promise<NamedResource[]>;
}

export class SharedListing {
  private seq = 0;
  private readonly listings = new Map<string, Listing>();
  /** The seq at which the last create of each scope and name ended. */
  private readonly creates = new Map<string, number>();

  constructor(
    private readonly listAll: (scope: string) => Promise<NamedResource[]>,
    private readonly ttlMs = 30_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The IDs of the resources named `name`, from a listing that cannot predate its last create. */
  async idsNamed(scope: string, name: string): Promise<string[]> {
    const listing = this.usable(scope, name) ?? this.start(scope);
    return (await listing.resources).filter((r) => r.name === name).map((r) => r.id);
  }

  /** A create of `name` was sent (answered or not): listings begun before now may lack it. */
  createEnded(scope: string, name: string): void {
    this.creates.set(createKey(scope, name), ++this.seq);
  }

  private usable(scope: string, name: string): Listing | undefined {
    const listing = this.listings.get(scope);
    if (!listing || this.now() - listing.startedAt >= this.ttlMs) return undefined;
    return listing.seq > (this.creates.get(createKey(scope, name)) ?? 0) ? listing : undefined;
  }

  private start(scope: string): Listing {
    const listing: Listing = { seq: ++this.seq, startedAt: this.now(), resources: this.listAll(scope) };
    this.listings.set(scope, listing);
    // Every create of this scope so far is older than this listing: their records are no longer needed.
    for (const key of this.creates.keys()) if (key.startsWith(createKey(scope, ''))) this.creates.delete(key);
    // A failed listing is not kept: the next search lists again.
    listing.resources.catch(() => {
      if (this.listings.get(scope) === listing) this.listings.delete(scope);
    });
    return listing;
  }
}

function createKey(scope: string, name: string): string {
  return `${scope}\u0000${name}`;
}
