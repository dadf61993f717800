using BenchmarkDotNet.Attributes;
using ContactMetrics.Domain;
using ContactMetrics.Kpis;
using ContactMetrics.Tables;
using DuckDB.NET.Data;
using NodaTime;

namespace ContactMetrics.Benchmarks.Kpis;

/// <summary>
/// Rollups over the same contacts in two shapes: (agent, channel, local day), about one group per
/// four rows at 10 million contacts, and (channel, local day), a few thousand groups. Methods: the library (which also counts
/// repeat-contact FCR from flags it computes once per table), a naive LINQ GroupBy (the baseline),
/// DuckDB running the equivalent GROUP BY on the same rows in its own table (the peer, without
/// repeat detection), and a plain scan that sums the same columns without grouping (the floor).
/// </summary>
[MemoryDiagnoser]
public class KpiRollupBenchmarks
{
    private static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];
    private List<Interaction>? _rows;
    private InteractionTable _table = null!;
    private DuckDBConnection? _duck;
    private KpiGrouping _grouping = null!;

    /// <summary>Rows in the table.</summary>
    [Params(10_000_000)]
    public int Rows { get; set; }

    /// <summary>The grouping: <c>agent-channel-day</c> (about 2.8 million groups at 10 million rows) or <c>channel-day</c> (about 5,800).</summary>
    [Params("agent-channel-day", "channel-day")]
    public string Shape { get; set; } = "agent-channel-day";

    private bool ByAgentDay => Shape == "agent-channel-day";

    // Each method keeps only its own representation alive (LINQ the records, the library and the
    // scan the columnar table, DuckDB its table), so no method pays for another's heap in GC time.
    [GlobalSetup(Target = nameof(Linq))]
    public void SetupLinq() => _rows = KpiBenchmarkData.Contacts(Rows, seed: 42);

    [GlobalSetup(Targets = [nameof(Library), nameof(ScanFloor)])]
    public void SetupTable()
    {
        _table = InteractionTable.Create(KpiBenchmarkData.Contacts(Rows, seed: 42));
        _grouping = ByAgentDay
            ? new KpiGrouping(KpiDimensions.Agent | KpiDimensions.Channel, TimeBucket.Day, Zone)
            : new KpiGrouping(KpiDimensions.Channel, TimeBucket.Day, Zone);
        GC.Collect();
    }

    [GlobalSetup(Target = nameof(DuckDb))]
    public void SetupDuckDb()
    {
        _duck = DuckDbPeer.Load(KpiBenchmarkData.Contacts(Rows, seed: 42));
        GC.Collect();
    }

    /// <summary>Everything, for the agreement check (`check-kpis`).</summary>
    public void Setup()
    {
        SetupLinq();
        SetupTable();
        SetupDuckDb();
    }

    [GlobalCleanup]
    public void Cleanup() => _duck?.Dispose();

    [Benchmark(Baseline = true)]
    public long Linq()
    {
        var groups = _rows!.GroupBy(i => ByAgentDay
            ? (i.AgentId?.Value, i.Channel, i.ArrivedAt.InZone(Zone).Date.AtMidnight().InZoneLeniently(Zone).ToInstant())
            : (null, i.Channel, i.ArrivedAt.InZone(Zone).Date.AtMidnight().InZoneLeniently(Zone).ToInstant())).Select(g => new
        {
            g.Key,
            Offered = g.Count(i => i.Direction == Direction.Inbound),
            Handled = g.Count(i => i.Channel.IsAgentHandled() && i.IsAnswered),
            Queued = g.Count(i => i.Direction == Direction.Inbound && i.Channel.IsAgentHandled()),
            Answered = g.Count(i => i.Direction == Direction.Inbound && i.Channel.IsAgentHandled() && i.IsAnswered),
            Within = g.Count(i => i.Direction == Direction.Inbound && i.Channel.IsAgentHandled() && i.IsAnswered && i.AnsweredAt!.Value - i.ArrivedAt <= Duration.FromSeconds(20)),
            Handle = g.Where(i => i.Channel.IsAgentHandled() && i.IsAnswered).Sum(i => (i.Talk + i.Hold + i.AfterCallWork).TotalMilliseconds),
            Wait = g.Where(i => i.IsAnswered).Sum(i => (i.AnsweredAt!.Value - i.ArrivedAt).TotalMilliseconds),
            Transferred = g.Count(i => i.Transfers > 0),
            Resolved = g.Count(i => i.Resolved == true),
            CsatTop = g.Count(i => i.Survey?.Csat >= 4),
            Promoters = g.Count(i => i.Survey?.Nps >= 9),
            Detractors = g.Count(i => i.Survey?.Nps <= 6),
            CesEasy = g.Count(i => i.Survey?.Ces >= 5),
        }).ToList();
        return groups.Sum(g => (long)g.Handled);
    }

    [Benchmark]
    public long Library()
    {
        // Read one count per group, as the DuckDB peer reads one column per row.
        long handled = 0;
        foreach (var g in KpiRollup.Compute(_table, _grouping))
        {
            handled += g.Counts.HandledContacts;
        }
        return handled;
    }

    [Benchmark]
    public long DuckDb() => DuckDbPeer.Rollup(_duck!, ByAgentDay);

    /// <summary>The number of groups (for the agreement check).</summary>
    public int LibraryGroups() => KpiRollup.Compute(_table, _grouping).Count;

    [Benchmark]
    public long ScanFloor() => ScanSums(_table);

    /// <summary>Sums the columns the rollup reads, with no grouping: what reading the data costs.</summary>
    internal static long ScanSums(InteractionTable t)
    {
        long sum = 0;
        var agent = t.Agent;
        var channel = t.Channel;
        var direction = t.Direction;
        var answered = t.Answered;
        var arrived = t.ArrivedMs;
        var queue = t.QueueMs;
        var talk = t.TalkMs;
        var hold = t.HoldMs;
        var acw = t.AcwMs;
        var transfers = t.Transfers;
        var resolved = t.Resolved;
        var csat = t.Csat;
        var nps = t.Nps;
        var ces = t.Ces;
        for (int i = 0; i < t.Count; i++)
        {
            sum += agent[i] + channel[i] + direction[i] + (answered[i] ? 1 : 0) + arrived[i] + queue[i] + talk[i] + hold[i] + acw[i]
                + transfers[i] + resolved[i] + csat[i] + nps[i] + ces[i];
        }
        return sum;
    }
}
