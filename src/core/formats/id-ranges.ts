/**
 * The ids an import stored, kept as sorted runs of consecutive ids ("12-5011,5013"): an import
 * of ten million values stores them in one run or a few, where an array and a set of every id
 * held 45 bytes an id (450 MB for ten million, measured) and grew with the file.
 *
 * Ids mostly come in rising order (SQLite's rowid, PostgreSQL's sequence), and extend the last
 * run; one that comes earlier (another bot instance took ids in between on PostgreSQL) is placed
 * by binary search and merged with its neighbours.
 */
export class IdRanges {
  /** Run i is ids from[i]..to[i]; runs are sorted, apart and not touching. */
  private readonly from: number[] = [];
  private readonly to: number[] = [];
  private total = 0;

  /** How many ids were added (an id added twice counts once). */
  get size(): number {
    return this.total;
  }

  add(id: number): void {
    const last = this.to.length - 1;
    if (last >= 0 && id === this.to[last] + 1) {
      this.to[last] = id;
    } else if (last < 0 || id > this.to[last]) {
      this.from.push(id);
      this.to.push(id);
    } else {
      this.addEarlier(id);
      return;
    }
    this.total++;
  }

  has(id: number): boolean {
    const i = this.runAtOrBefore(id);
    return i >= 0 && id <= this.to[i];
  }

  /** The runs in order, each as its first and last id. */
  runs(): [number, number][] {
    return this.from.map((from, i) => [from, this.to[i]]);
  }

  /** "12-5011,5013": the runs in order, a run of one as its id. */
  toString(): string {
    return this.from.map((from, i) => (from === this.to[i] ? `${from}` : `${from}-${this.to[i]}`)).join(",");
  }

  /** The index of the last run that starts at or before `id`, or -1. */
  private runAtOrBefore(id: number): number {
    let low = 0;
    let high = this.from.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (this.from[mid] <= id) low = mid + 1;
      else high = mid - 1;
    }
    return high;
  }

  private addEarlier(id: number): void {
    const before = this.runAtOrBefore(id);
    if (before >= 0 && id <= this.to[before]) return;
    const after = before + 1;
    const joinsBefore = before >= 0 && this.to[before] === id - 1;
    const joinsAfter = after < this.from.length && this.from[after] === id + 1;
    if (joinsBefore && joinsAfter) {
      this.to[before] = this.to[after];
      this.from.splice(after, 1);
      this.to.splice(after, 1);
    } else if (joinsBefore) {
      this.to[before] = id;
    } else if (joinsAfter) {
      this.from[after] = id;
    } else {
      this.from.splice(after, 0, id);
      this.to.splice(after, 0, id);
    }
    this.total++;
  }
}
