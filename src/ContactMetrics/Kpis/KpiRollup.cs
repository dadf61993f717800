using System.Globalization;
using ContactMetrics.Domain;
using ContactMetrics.Tables;
using NodaTime;

namespace ContactMetrics.Kpis;

/// <summary>What to group a KPI rollup by.</summary>
/// <param name="Dimensions">The dimensions; <see cref="KpiDimensions.None"/> for one row overall.</param>
/// <param name="Bucket">The time bucket; <see cref="TimeBucket.None"/> for none.</param>
/// <param name="TimeZone">The zone whose local time the buckets follow; required when <paramref name="Bucket"/> is set.</param>
public sealed record KpiGrouping(KpiDimensions Dimensions = KpiDimensions.None, TimeBucket Bucket = TimeBucket.None, DateTimeZone? TimeZone = null)
{
    /// <summary>
    /// Only contacts that arrived in [<see cref="ArrivedFrom"/>, <see cref="ArrivedBefore"/>) are counted; unbounded when null.
    /// Repeat contacts (for FCR) are still looked for in the whole table, so a contact just before the end keeps its repeat.
    /// </summary>
    public Instant? ArrivedFrom { get; init; }

    /// <summary>The end (exclusive) of the arrivals counted; unbounded when null. See <see cref="ArrivedFrom"/>.</summary>
    public Instant? ArrivedBefore { get; init; }
}

/// <summary>
/// Computes every KPI for the groups of an <see cref="InteractionTable"/>: the library's hot path.
/// </summary>
/// <remarks>
/// One pass over the columns per worker: each row's group is a mixed-radix number of its dictionary
/// codes and its time bucket, looked up in a dense index when the key space is small enough and a
/// hash map otherwise; the row's counts go into a flat array of integer slots per group. Workers
/// run in parallel: for a small key space they split the rows and add up their slots; for a dense one
/// whose groups outgrow the cache they encode ranges of rows into parts of the key range and then each
/// counts its own parts; otherwise they split the groups by a hash of the key. Each group is then
/// counted by one worker only and nothing is merged. Every slot is an integer, so the result is the same,
/// bit for bit, for any number of workers; groups come out sorted by key. The rollup allocates with
/// the number of groups and the key space, and, where a worker partitions its rows (docs/kpis.md), 24
/// bytes per row it counts; repeat-contact detection (for FCR) needs one byte and two ints per row.
/// </remarks>
public static class KpiRollup
{
    private const long DenseKeyLimit = 1L << 23;
    private const int MinRowsPerPartition = 1 << 16;
    private const int BlockSize = 1024;
    private const long SmallKeySpace = 1L << 16;

    /// <summary>
    /// The most groups in one part of a partitioned rollup: 1,536 blocks of 320 bytes (480 KB) stay in a core's 1 MB L2 cache
    /// while the part's rows are counted. A worker with more groups than this encodes its rows into parts first.
    /// </summary>
    private const int PartGroups = 1536;

    /// <summary>
    /// The most groups one part of a rollup holds (a worker's share of a large key space, or the whole of a small one):
    /// the blocks of <see cref="KpiSlots.Stride"/> 32-bit counters of a part live in one array, which .NET caps at
    /// <see cref="Array.MaxLength"/> elements. Past it, <see cref="Compute"/> throws an <see cref="ArgumentException"/> for
    /// the parameter <c>table</c> naming the limit.
    /// </summary>
    internal static readonly int MaxGroupsPerPart = (Array.MaxLength - 16) / KpiSlots.Stride;

    /// <summary>Computes the KPIs of every group.</summary>
    /// <param name="table">The interactions.</param>
    /// <param name="grouping">What to group by.</param>
    /// <param name="options">The KPI definitions; <see cref="KpiOptions.Default"/> if omitted.</param>
    /// <param name="maxDegreeOfParallelism">How many partitions run at once; the processor count by default. The result does not depend on it.</param>
    /// <returns>One <see cref="KpiGroup"/> per group that has rows, ordered by key; each group object is made when it is read (read-only, safe to share).</returns>
    /// <param name="cancellationToken">Stops the scan (checked every 1,024 rows of each worker); the call then throws <see cref="OperationCanceledException"/>.</param>
    /// <param name="progress">Told the rows counted about every 65,536 rows and at the end; null for none. The result does not depend on it.</param>
    /// <exception cref="ArgumentException">A time bucket was asked for without a time zone; or (parameter <c>table</c>) more
    /// than about 26.8 million groups fall to one worker (docs/kpis.md, "Limits").</exception>
    /// <exception cref="OperationCanceledException">Cancellation was requested.</exception>
    public static IReadOnlyList<KpiGroup> Compute(InteractionTable table, KpiGrouping? grouping = null, KpiOptions? options = null, int? maxDegreeOfParallelism = null,
        CancellationToken cancellationToken = default, IProgress<KpiRollupProgress>? progress = null) =>
        ComputeCore(table, grouping, options, maxDegreeOfParallelism, cancellationToken, progress, PartGroups, forcePartitioned: false);

    /// <summary>
    /// <see cref="Compute"/> with
    /// parts of at most <paramref name="partGroups"/> groups (plus up to 63, as parts are cut at multiples of 64 keys); with
    /// <paramref name="forcePartitioned"/>, every key space under 2^23 takes the partitioned path, however small (for tests).
    /// </summary>
    internal static IReadOnlyList<KpiGroup> ComputeCore(InteractionTable table, KpiGrouping? grouping, KpiOptions? options, int? maxDegreeOfParallelism,
        CancellationToken cancellationToken, IProgress<KpiRollupProgress>? progress, int partGroups, bool forcePartitioned)
    {
        ArgumentNullException.ThrowIfNull(table);
        grouping ??= new KpiGrouping();
        options ??= KpiOptions.Default;
        if (grouping.Bucket != TimeBucket.None && grouping.TimeZone is null)
        {
            throw new ArgumentException($"A time bucket ({grouping.Bucket}) needs a time zone to say where days begin.", nameof(grouping));
        }
        if (grouping.ArrivedFrom is { } from && grouping.ArrivedBefore is { } before && from >= before)
        {
            throw new ArgumentException($"The arrival range starts ({from}) at or after its end ({before}).", nameof(grouping));
        }
        if (!Enum.IsDefined(grouping.Bucket))
        {
            throw new ArgumentOutOfRangeException(nameof(grouping), grouping.Bucket, "Not a defined time bucket.");
        }
        int degree = Math.Max(1, maxDegreeOfParallelism ?? Environment.ProcessorCount);
        if (table.Count == 0)
        {
            progress?.Report(new KpiRollupProgress(0, 0));
            return [];
        }

        var bucketer = grouping.Bucket == TimeBucket.None ? null : new TimeBucketer(grouping.TimeZone!, grouping.Bucket, table.MinArrivedMs, table.MaxArrivedMs);
        var keys = new KeyLayout(table, grouping, bucketer);
        var flags = table.RepeatFlags(options.Repeat, degree);
        var layout = new KpiSlots(options);

        int workers = table.Count < MinRowsPerPartition ? 1 : degree;
        var partials = new Partial[workers];
        bool splitRows = keys.Space <= SmallKeySpace && !(forcePartitioned && keys.Space <= DenseKeyLimit);
        var meter = progress is null ? null : new ScanMeter(progress, table.Count, 1);
        if (splitRows)
        {
            // Few possible groups: each worker takes a range of rows with its own small slots, and the
            // slots are added up at the end (cheap, and every row's key is computed once).
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = degree, CancellationToken = cancellationToken }, w =>
            {
                var partial = new Partial(keys.Space);
                int from = (int)((long)table.Count * w / workers), to = (int)((long)table.Count * (w + 1) / workers);
                Accumulate(table, layout, keys, bucketer, flags, from, to, 0, 1, partial, meter, cancellationToken, forcePartitioned);
                partials[w] = partial;
            });
            partials = [Partial.Sum(partials, keys.Space)];
        }
        else
        {
            // Many possible groups: unless the partitioned path below takes them (each worker a range of rows, then a run
            // of parts), each worker scans every row but keeps only the groups whose key hashes to it, so every group lives in exactly one worker's slots: no merge, and memory
            // grows with the groups, not with the workers. A part over the group limit is the caller's ArgumentException,
            // not the AggregateException Parallel.For wraps it in.
            // With a dense index every worker reads every row's key twice (to number its groups, then to count), so the
            // keys (below 2^23) are computed once, each worker a range of rows, into a shared array that all then read.
            int[]? rowKeys = keys.Space <= DenseKeyLimit ? System.Buffers.ArrayPool<int>.Shared.Rent(table.Count) : null;
            try
            {
                var parallel = new ParallelOptions { MaxDegreeOfParallelism = degree, CancellationToken = cancellationToken };
                if (rowKeys is not null)
                {
                    Parallel.For(0, workers, parallel, w => keys.KeysOf((int)((long)table.Count * w / workers), (int)((long)table.Count * (w + 1) / workers), rowKeys, bucketer));
                }
                // Past the cache, the workers encode their ranges of rows into parts of the key range and then each counts
                // its own parts (no worker reads every row); otherwise, or when a value does not fit the encoding, each
                // counts its own groups directly.
                if (rowKeys is null || keys.Space > KpiSlots.EncodedKeyLimit
                    || CountPartitioned(table, layout, keys, bucketer, flags, workers, parallel, rowKeys, partGroups, forcePartitioned, meter) is not { } byParts)
                {
                    meter = progress is null ? null : new ScanMeter(progress, table.Count, workers);
                    Parallel.For(0, workers, parallel, w =>
                    {
                        var partial = new Partial(keys.Space);
                        Accumulate(table, layout, keys, bucketer, flags, 0, table.Count, w, workers, partial, meter, cancellationToken, forcePartitioned, rowKeys);
                        partials[w] = partial;
                    });
                }
                else
                {
                    partials = byParts;
                }
            }
            catch (AggregateException e) when (e.InnerExceptions.FirstOrDefault(i => i is ArgumentException { ParamName: "table" }) is { } limit)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(limit);
            }
            finally
            {
                if (rowKeys is not null)
                {
                    System.Buffers.ArrayPool<int>.Shared.Return(rowKeys);
                }
            }
        }
        meter?.Finish();
        return Collect(partials, table, options, layout, keys, bucketer);
    }

    /// <summary>Adds up the rows the workers have read and reports them, increasing, about every 65,536 rows.</summary>
    private sealed class ScanMeter(IProgress<KpiRollupProgress> progress, long rows, int passes)
    {
        private const long Every = 1 << 16;
        private readonly Lock gate = new();
        private long visits;
        private long reported;

        public void Add(int rowsRead)
        {
            long total = Interlocked.Add(ref visits, rowsRead);
            long counted = total / passes;
            if (counted / Every == (total - rowsRead) / passes / Every)
            {
                return;
            }
            lock (gate)
            {
                if (counted > reported && counted < rows)
                {
                    reported = counted;
                    progress.Report(new KpiRollupProgress(counted, rows));
                }
            }
        }

        public void Finish() => progress.Report(new KpiRollupProgress(rows, rows));
    }

    private static void Accumulate(InteractionTable t, KpiSlots layout, KeyLayout keys, TimeBucketer? bucketer, byte[] flags, int from, int to, int worker, int workers, Partial partial,
        ScanMeter? meter, CancellationToken cancellationToken, bool numberFirst, int[]? rowKeys = null)
    {
        var arrived = t.ArrivedMs;
        var grouping = keys.Grouping;
        long fromMs = grouping.ArrivedFrom?.ToUnixTimeMilliseconds() ?? long.MinValue;
        long beforeMs = grouping.ArrivedBefore?.ToUnixTimeMilliseconds() ?? long.MaxValue;
        bool ranged = grouping.ArrivedFrom is not null || grouping.ArrivedBefore is not null;
        bool filtered = ranged || workers > 1;
        Span<long> blockKeys = stackalloc long[BlockSize];
        var rows = new int[BlockSize];
        var offsets = new int[BlockSize];
        var later = new int[BlockSize];
        if (partial.IsDense && (keys.Space > SmallKeySpace || numberFirst))
        {
            // Mark this worker's groups first (a bitmap over the key space stays in cache), so the
            // slots are allocated once at their final size instead of growing by copies, and the
            // groups are numbered in key order (nothing to sort at the end).
            var seen = new ulong[(keys.Space + 63) / 64];
            int groups = 0;
            for (int blockStart = from; blockStart < to; blockStart += BlockSize)
            {
                var block = blockKeys[..Math.Min(BlockSize, to - blockStart)];
                keys.KeysOf(blockStart, block, bucketer, rowKeys);
                for (int j = 0; j < block.Length; j++)
                {
                    long key = block[j];
                    ulong bit = 1UL << (int)(key & 63);
                    ref ulong word = ref seen[key >> 6];
                    if ((word & bit) == 0 && (workers == 1 || WorkerOf(key, workers) == worker)
                        && (!ranged || (arrived[blockStart + j] >= fromMs && arrived[blockStart + j] < beforeMs)))
                    {
                        word |= bit;
                        groups++;
                    }
                }
            }
            partial.NumberInKeyOrder(seen, 0, seen.Length, groups);
        }
        for (int blockStart = from; blockStart < to; blockStart += BlockSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int blockLength = Math.Min(BlockSize, to - blockStart);
            var block = blockKeys[..blockLength];
            int kept = blockLength;
            if (filtered)
            {
                // Keep this worker's rows in the arrival range, without a branch per row.
                kept = Keep(keys, bucketer, arrived, fromMs, beforeMs, blockStart, block, rows, worker, workers, rowKeys);
            }
            else
            {
                keys.KeysOf(blockStart, block, bucketer, rowKeys);
                for (int j = 0; j < blockLength; j++)
                {
                    rows[j] = blockStart + j;
                }
            }
            partial.OffsetsOf(block[..kept], offsets);
            layout.AddRows(partial.Slots, partial.Base, rows.AsSpan(0, kept), offsets.AsSpan(0, kept), t, flags, later);
            meter?.Add(blockLength);
        }
    }

    /// <summary>
    /// Counts the rows in parts of the key range, each part's blocks small enough to stay in the cache. Four passes, each
    /// split between the workers: by rows, the keys of each worker's range of rows are marked in its bitmap (and every wait
    /// checked to fit 32 bits); the groups (all the bitmaps or'ed) are cut into parts of at most <paramref name="partGroups"/>
    /// (plus up to 63) at multiples of 64 keys, and the parts dealt out in runs, one run a worker; by rows again, each
    /// worker counts its rows per part, then encodes them (<see cref="KpiSlots.Encode"/>) into one array where each part's
    /// rows lie together (the workers' rows of a part one after the other); and by parts, each worker adds its parts to
    /// its groups' blocks (<see cref="KpiSlots.AddEncoded"/>). No worker reads every row, the rows are written and read in
    /// order, and the random updates of the blocks hit the cache instead of memory.
    /// </summary>
    /// <returns>
    /// The workers' groups, each in key order; null, with nothing counted and no progress reported, when a wait does not
    /// fit the encoding's 32 bits or (unless <paramref name="always"/>) the groups fit one part: the caller then counts
    /// directly.
    /// </returns>
    private static Partial[]? CountPartitioned(InteractionTable t, KpiSlots layout, KeyLayout keys, TimeBucketer? bucketer, byte[] flags, int workers, ParallelOptions parallel,
        int[] rowKeys, int partGroups, bool always, ScanMeter? meter)
    {
        var cancellationToken = parallel.CancellationToken;
        var grouping = keys.Grouping;
        long fromMs = grouping.ArrivedFrom?.ToUnixTimeMilliseconds() ?? long.MinValue;
        long beforeMs = grouping.ArrivedBefore?.ToUnixTimeMilliseconds() ?? long.MaxValue;
        var arrived = t.ArrivedMs;
        var queueMs = t.QueueMs;
        int Start(int w) => (int)((long)t.Count * w / workers);
        // Every pass keeps a row by Keep's own test, range or not, so the counted, marked and encoded rows are the same ones
        // (a row at long.MaxValue would otherwise be counted for a part but never written to it).
        bool Outside(long ms) => ms < fromMs || ms >= beforeMs;

        // The groups, and whether every wait fits 32 bits (talk, hold and after-contact work are ints in the table).
        int words = (int)((keys.Space + 63) / 64);
        var seenBy = new ulong[workers][];
        var misfitBy = new long[workers];
        Parallel.For(0, workers, parallel, w =>
        {
            var seen = new ulong[words];
            long misfit = 0;
            for (int blockStart = Start(w), to = Start(w + 1); blockStart < to; blockStart += BlockSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                for (int i = blockStart, end = Math.Min(to, blockStart + BlockSize); i < end; i++)
                {
                    if (Outside(arrived[i]))
                    {
                        continue;
                    }
                    int key = rowKeys[i];
                    seen[key >> 6] |= 1UL << key;
                    misfit |= queueMs[i] - (int)queueMs[i];
                }
            }
            (seenBy[w], misfitBy[w]) = (seen, misfit);
        });
        var all = seenBy[0];
        int groups = 0;
        for (int k = 0; k < words; k++)
        {
            for (int w = 1; w < workers; w++)
            {
                all[k] |= seenBy[w][k];
            }
            groups += System.Numerics.BitOperations.PopCount(all[k]);
        }
        if (misfitBy.Any(m => m != 0) || (groups <= partGroups && !always))
        {
            return null;
        }

        // Cut the groups into parts at word boundaries of the bitmap: a key's part is partOfWord[key / 64].
        var partOfWord = new int[words];
        var partWord = new List<int> { 0 };
        int inPart = 0;
        for (int k = 0; k < words; k++)
        {
            int count = System.Numerics.BitOperations.PopCount(all[k]);
            if (inPart > 0 && inPart + count > partGroups)
            {
                partWord.Add(k);
                inPart = 0;
            }
            partOfWord[k] = partWord.Count - 1;
            inPart += count;
        }
        int parts = partWord.Count;
        partWord.Add(words);
        int FirstPart(int w) => (int)((long)parts * w / workers);

        // The rows of each part from each worker: their count first, so that the parts lie one after the other in one array.
        var cursors = new int[workers][];
        Parallel.For(0, workers, parallel, w =>
        {
            var count = cursors[w] = new int[parts];
            for (int blockStart = Start(w), to = Start(w + 1); blockStart < to; blockStart += BlockSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                for (int i = blockStart, end = Math.Min(to, blockStart + BlockSize); i < end; i++)
                {
                    count[partOfWord[rowKeys[i] >> 6]] += Outside(arrived[i]) ? 0 : 1;
                }
            }
        });
        var partStart = new int[parts + 1];
        for (int p = 0; p < parts; p++)
        {
            int at = partStart[p];
            for (int w = 0; w < workers; w++)
            {
                (cursors[w][p], at) = (at, at + cursors[w][p]);
            }
            partStart[p + 1] = at;
        }
        var encoded = GC.AllocateUninitializedArray<EncodedRow>(partStart[parts]);
        Parallel.For(0, workers, parallel, w =>
        {
            Span<long> blockKeys = stackalloc long[BlockSize];
            var rows = new int[BlockSize];
            for (int blockStart = Start(w), to = Start(w + 1); blockStart < to; blockStart += BlockSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int blockLength = Math.Min(BlockSize, to - blockStart);
                var block = blockKeys[..blockLength];
                int kept = Keep(keys, bucketer, arrived, fromMs, beforeMs, blockStart, block, rows, 0, 1, rowKeys);
                layout.Encode(rows.AsSpan(0, kept), block[..kept], t, flags, encoded, cursors[w], partOfWord);
                meter?.Add(blockLength);
            }
        });

        // Each worker numbers the groups of its run of parts in key order and adds the parts' rows to their blocks.
        var partials = new Partial[workers];
        Parallel.For(0, workers, parallel, w =>
        {
            int fromWord = partWord[FirstPart(w)], toWord = partWord[FirstPart(w + 1)];
            int owned = 0;
            for (int k = fromWord; k < toWord; k++)
            {
                owned += System.Numerics.BitOperations.PopCount(all[k]);
            }
            var partial = new Partial(keys.Space);
            partial.NumberInKeyOrder(all, fromWord, toWord, owned);
            for (int p = FirstPart(w); p < FirstPart(w + 1); p++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                KpiSlots.AddEncoded(partial.Slots, partial.Base, encoded.AsSpan(partStart[p], partStart[p + 1] - partStart[p]), partial.GroupOfKey);
            }
            partials[w] = partial;
        });
        return partials;
    }

    /// <summary>The keys of rows [<paramref name="blockStart"/>, + <paramref name="block"/>.Length) that this worker counts (its groups, in the arrival range), moved to the front of <paramref name="block"/> with their rows in <paramref name="rows"/>.</summary>
    /// <returns>How many rows are kept.</returns>
    private static int Keep(KeyLayout keys, TimeBucketer? bucketer, long[] arrived, long fromMs, long beforeMs, int blockStart, Span<long> block, int[] rows, int worker, int workers, int[]? rowKeys)
    {
        keys.KeysOf(blockStart, block, bucketer, rowKeys);
        int kept = 0;
        for (int j = 0; j < block.Length; j++)
        {
            long key = block[j];
            long ms = arrived[blockStart + j];
            bool keep = (workers == 1 || WorkerOf(key, workers) == worker) & (ms >= fromMs & ms < beforeMs);
            block[kept] = key;
            rows[kept] = blockStart + j;
            kept += keep ? 1 : 0;
        }
        return kept;
    }

    /// <summary>Spreads keys over workers by a multiplicative hash, so that neighbouring keys (days, agents) alternate.</summary>
    private static int WorkerOf(long key, int workers) => (int)(((ulong)key * 0x9E3779B97F4A7C15UL >> 32) % (ulong)workers);

    private static IReadOnlyList<KpiGroup> Collect(Partial[] partials, InteractionTable table, KpiOptions options, KpiSlots layout, KeyLayout keys, TimeBucketer? bucketer)
    {
        int total = partials.Sum(p => p.Keys.Count);
        var sortedKeys = new long[total];
        var location = new long[total];
        if (partials.All(p => p.InKeyOrder))
        {
            // Each worker's groups are in key order already: merge them (a handful of workers).
            var next = new int[partials.Length];
            for (int k = 0; k < total; k++)
            {
                int w = -1;
                for (int v = 0; v < partials.Length; v++)
                {
                    if (next[v] < partials[v].Keys.Count && (w < 0 || partials[v].Keys[next[v]] < partials[w].Keys[next[w]]))
                    {
                        w = v;
                    }
                }
                sortedKeys[k] = partials[w].Keys[next[w]];
                location[k] = ((long)w << 32) | (uint)next[w]++;
            }
        }
        else
        {
            int k = 0;
            for (int w = 0; w < partials.Length; w++)
            {
                var groupKeys = partials[w].Keys;
                for (int g = 0; g < groupKeys.Count; g++)
                {
                    sortedKeys[k] = groupKeys[g];
                    location[k++] = ((long)w << 32) | (uint)g;
                }
            }
            Array.Sort(sortedKeys, location);
        }
        return new GroupList(sortedKeys, location, partials, table, options, layout, keys, bucketer);
    }

    /// <summary>
    /// The groups in key order, each <see cref="KpiGroup"/> made when it is read: a rollup with millions
    /// of groups then holds only its integer slots, and a caller that streams over the groups leaves only
    /// short-lived objects behind.
    /// </summary>
    private sealed class GroupList(long[] keys, long[] location, Partial[] partials, InteractionTable table, KpiOptions options,
        KpiSlots slots, KeyLayout layout, TimeBucketer? bucketer) : IReadOnlyList<KpiGroup>
    {
        private readonly object _describeLock = new();

        public int Count => keys.Length;

        public KpiGroup this[int index]
        {
            get
            {
                if ((uint)index >= (uint)keys.Length)
                {
                    throw new ArgumentOutOfRangeException(nameof(index), index, $"The rollup has {keys.Length} groups.");
                }
                int w = (int)(location[index] >> 32), g = (int)(uint)location[index];
                var counts = slots.Counts(partials[w].Slots, partials[w].Base + g * KpiSlots.Stride);
                // The bucketer caches bucket descriptions; readers on several threads take turns.
                lock (_describeLock)
                {
                    return layout.Describe(keys[index], counts, options, table, bucketer);
                }
            }
        }

        public IEnumerator<KpiGroup> GetEnumerator()
        {
            for (int i = 0; i < keys.Length; i++)
            {
                yield return this[i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>One worker's groups: keys in order of first appearance and their <see cref="KpiSlots"/> blocks, laid out flat.</summary>
    private sealed class Partial
    {
        private readonly int[]? _dense;
        private readonly Dictionary<long, int>? _sparse;

        public Partial(long space)
        {
            (Slots, Base) = Allocate(16);
            if (space <= DenseKeyLimit)
            {
                _dense = new int[space];
                Array.Fill(_dense, -1);
            }
            else
            {
                _sparse = [];
            }
        }

        public List<long> Keys { get; } = [];

        public bool IsDense => _dense is not null;

        /// <summary>The group number of each key (-1 when it has none), for a dense index.</summary>
        public int[] GroupOfKey => _dense!;

        /// <summary>Adds up row-partition partials into one, groups in order of first appearance across the partials.</summary>
        public static Partial Sum(Partial[] partials, long space)
        {
            var total = new Partial(space);
            foreach (var partial in partials)
            {
                for (int g = 0; g < partial.Keys.Count; g++)
                {
                    int target = total.OffsetOf(partial.Keys[g]);
                    KpiSlots.AddBlock(total.Slots, total.Base + target, partial.Slots, partial.Base + g * KpiSlots.Stride);
                }
            }
            return total;
        }

        /// <summary>Numbers the groups whose bits are set in words [<paramref name="fromWord"/>, <paramref name="toWord"/>) of <paramref name="seen"/> (<paramref name="groups"/> of them) in key order, with their blocks allocated.</summary>
        public void NumberInKeyOrder(ulong[] seen, int fromWord, int toWord, int groups)
        {
            (Slots, Base) = Allocate(groups);
            Keys.Capacity = groups;
            for (int w = fromWord; w < toWord; w++)
            {
                for (ulong word = seen[w]; word != 0; word &= word - 1)
                {
                    long key = (long)w * 64 + System.Numerics.BitOperations.TrailingZeroCount(word);
                    _dense![key] = Keys.Count;
                    Keys.Add(key);
                }
            }
            InKeyOrder = true;
        }

        /// <summary>Whether <see cref="Keys"/> are in increasing order.</summary>
        public bool InKeyOrder { get; private set; }

        /// <summary>The blocks of the groups, block g at <see cref="Base"/> + g * <see cref="KpiSlots.Stride"/>.</summary>
        public int[] Slots { get; private set; }

        /// <summary>Where the first block starts in <see cref="Slots"/>: at a 64-byte boundary, so each block is five whole cache lines.</summary>
        public int Base { get; private set; }

        /// <summary>Room for <paramref name="groups"/> blocks, pinned (never moved) so that the blocks stay aligned.</summary>
        /// <exception cref="ArgumentException">More than <see cref="MaxGroupsPerPart"/> groups.</exception>
        private static (int[] Slots, int Base) Allocate(int groups)
        {
            if (groups > MaxGroupsPerPart)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"The rollup has more than {MaxGroupsPerPart:N0} groups in one part (one array of {KpiSlots.Stride} counters a group): group by fewer dimensions or a coarser time bucket, or split the table by time."), "table");
            }
            var slots = GC.AllocateArray<int>(checked(groups * KpiSlots.Stride + 16), pinned: true);
            long address = System.Runtime.InteropServices.Marshal.UnsafeAddrOfPinnedArrayElement(slots, 0);
            return (slots, (int)((64 - (address & 63)) & 63) / sizeof(int));
        }

        /// <summary>The offset from <see cref="Base"/> of the block of the group of <paramref name="key"/>, added if new (blocks move when <see cref="Slots"/> grows; offsets do not).</summary>
        public int OffsetOf(long key)
        {
            int g;
            if (_dense is not null)
            {
                g = _dense[key];
                if (g < 0)
                {
                    g = _dense[key] = Add(key);
                }
            }
            else if (!_sparse!.TryGetValue(key, out g))
            {
                g = Add(key);
                _sparse.Add(key, g);
            }
            return g * KpiSlots.Stride;
        }

        /// <summary><see cref="OffsetOf"/> of each of <paramref name="keys"/>, into <paramref name="offsets"/>: with a dense index, one lookup a key and a branch taken only for a new group.</summary>
        public void OffsetsOf(ReadOnlySpan<long> keys, int[] offsets)
        {
            if (_dense is not { } dense)
            {
                for (int j = 0; j < keys.Length; j++)
                {
                    offsets[j] = OffsetOf(keys[j]);
                }
                return;
            }
            for (int j = 0; j < keys.Length; j++)
            {
                int g = dense[keys[j]];
                offsets[j] = g >= 0 ? g * KpiSlots.Stride : OffsetOf(keys[j]);
            }
        }

        private int Add(long key)
        {
            int g = Keys.Count;
            Keys.Add(key);
            if ((long)(g + 1) * KpiSlots.Stride > Slots.Length - Base)
            {
                var (grown, grownBase) = Allocate(g == MaxGroupsPerPart ? g + 1 : (int)Math.Min(2L * g, MaxGroupsPerPart));
                Array.Copy(Slots, Base, grown, grownBase, g * KpiSlots.Stride);
                (Slots, Base) = (grown, grownBase);
            }
            return g;
        }
    }

    /// <summary>How a row's dimension codes and time bucket combine into one key, and back.</summary>
    private sealed class KeyLayout
    {
        private readonly (int[]? Codes, long Radix, KpiDimensions Dimension)[] _parts;
        private readonly long _bucketRadix;

        public KeyLayout(InteractionTable t, KpiGrouping grouping, TimeBucketer? bucketer)
        {
            Grouping = grouping;
            var dims = grouping.Dimensions;
            var parts = new List<(int[]?, long, KpiDimensions)>();
            // Codes are shifted by one so that "missing" (-1) becomes 0.
            if (dims.HasFlag(KpiDimensions.Agent)) { parts.Add((t.Agent, t.Agents.Count + 1, KpiDimensions.Agent)); }
            if (dims.HasFlag(KpiDimensions.Channel)) { parts.Add((null, ChannelNames.All.Count + 1, KpiDimensions.Channel)); }
            if (dims.HasFlag(KpiDimensions.Direction)) { parts.Add((null, 3, KpiDimensions.Direction)); }
            if (dims.HasFlag(KpiDimensions.Queue)) { parts.Add((t.Queue, t.Queues.Count + 1, KpiDimensions.Queue)); }
            if (dims.HasFlag(KpiDimensions.Reason)) { parts.Add((t.Reason, t.Reasons.Count + 1, KpiDimensions.Reason)); }
            if (dims.HasFlag(KpiDimensions.Segment)) { parts.Add((t.Segment, t.Segments.Count + 1, KpiDimensions.Segment)); }
            _parts = [.. parts];
            _bucketRadix = bucketer?.Cardinality ?? 1;
            long space = _bucketRadix;
            try
            {
                foreach (var p in _parts)
                {
                    space = checked(space * p.Item2);
                }
            }
            catch (OverflowException)
            {
                throw new ArgumentException($"The grouping {dims} has too many combinations to key in 64 bits.", nameof(dims));
            }
            Space = space;
            Table = t;
        }

        public long Space { get; }

        /// <summary>The grouping this layout keys, with its arrival range.</summary>
        public KpiGrouping Grouping { get; }

        private InteractionTable Table { get; }

        /// <summary>The keys (under 2^31) of rows [<paramref name="from"/>, <paramref name="to"/>) into the same places of <paramref name="rowKeys"/>.</summary>
        public void KeysOf(int from, int to, int[] rowKeys, TimeBucketer? bucketer)
        {
            Span<long> block = stackalloc long[BlockSize];
            for (int start = from; start < to; start += BlockSize)
            {
                var keys = block[..Math.Min(BlockSize, to - start)];
                KeysOf(start, keys, bucketer);
                var target = rowKeys.AsSpan(start, keys.Length);
                for (int j = 0; j < keys.Length; j++)
                {
                    target[j] = (int)keys[j];
                }
            }
        }

        /// <summary>The keys of rows [start, start + keys.Length): copied from <paramref name="rowKeys"/> when the keys were computed before, else computed.</summary>
        public void KeysOf(int start, Span<long> keys, TimeBucketer? bucketer, int[]? rowKeys)
        {
            if (rowKeys is null)
            {
                KeysOf(start, keys, bucketer);
                return;
            }
            var known = rowKeys.AsSpan(start, keys.Length);
            for (int j = 0; j < keys.Length; j++)
            {
                keys[j] = known[j];
            }
        }

        /// <summary>The keys of rows [start, start + keys.Length), one dimension at a time (a column-wise pass per dimension).</summary>
        public void KeysOf(int start, Span<long> keys, TimeBucketer? bucketer)
        {
            keys.Clear();
            foreach (var (codes, radix, dim) in _parts)
            {
                switch (dim)
                {
                    case KpiDimensions.Channel:
                        MixIn(keys, Table.Channel.AsSpan(start, keys.Length), radix);
                        break;
                    case KpiDimensions.Direction:
                        MixIn(keys, Table.Direction.AsSpan(start, keys.Length), radix);
                        break;
                    default:
                        var c = codes.AsSpan(start, keys.Length);
                        for (int j = 0; j < keys.Length; j++)
                        {
                            keys[j] = keys[j] * radix + c[j] + 1;
                        }
                        break;
                }
            }
            if (bucketer is not null)
            {
                var arrived = Table.ArrivedMs.AsSpan(start, keys.Length);
                long radix = _bucketRadix;
                if (bucketer.Cells is { } cells)
                {
                    for (int j = 0; j < keys.Length; j++)
                    {
                        keys[j] = keys[j] * radix + cells.Index(arrived[j]);
                    }
                }
                else
                {
                    for (int j = 0; j < keys.Length; j++)
                    {
                        keys[j] = keys[j] * radix + bucketer.Index(arrived[j]);
                    }
                }
            }
        }

        private static void MixIn(Span<long> keys, ReadOnlySpan<byte> codes, long radix)
        {
            for (int j = 0; j < keys.Length; j++)
            {
                keys[j] = keys[j] * radix + codes[j] + 1;
            }
        }

        public KpiGroup Describe(long key, KpiCounts counts, KpiOptions options, InteractionTable t, TimeBucketer? bucketer)
        {
            ZonedDateTime? start = null;
            Duration? length = null;
            if (bucketer is not null)
            {
                (start, length) = bucketer.Describe(key % _bucketRadix);
                key /= _bucketRadix;
            }
            string? agent = null, queue = null, reason = null, segment = null;
            Channel? channel = null;
            Direction? direction = null;
            for (int k = _parts.Length - 1; k >= 0; k--)
            {
                var (_, radix, dim) = _parts[k];
                int code = (int)(key % radix) - 1;
                key /= radix;
                switch (dim)
                {
                    case KpiDimensions.Agent: agent = code < 0 ? null : t.Agents[code]; break;
                    case KpiDimensions.Channel: channel = (Channel)code; break;
                    case KpiDimensions.Direction: direction = (Direction)code; break;
                    case KpiDimensions.Queue: queue = code < 0 ? null : t.Queues[code]; break;
                    case KpiDimensions.Reason: reason = code < 0 ? null : t.Reasons[code]; break;
                    default: segment = code < 0 ? null : t.Segments[code]; break;
                }
            }
            return new KpiGroup(counts, options, agent, channel, direction, queue, reason, segment, start, length);
        }
    }
}
