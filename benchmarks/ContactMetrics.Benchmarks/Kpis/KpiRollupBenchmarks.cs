using BenchmarkDotNet.Attributes;
using ContactMetrics.Domain;
using ContactMetrics.Kpis;
using DuckDB.NET.Data;
using NodaTime;

namespace ContactMetrics.Benchmarks.Kpis;

/// <summary>
/// Rollup by (agent, channel, local day) over the same contacts: the library (which also detects
/// repeat contacts for FCR), a naive LINQ GroupBy (the baseline), DuckDB running the equivalent
/// GROUP BY on the same rows in its own table (the peer, without repeat detection), and a plain
/// scan that sums the same columns without grouping (the memory-speed floor).
/// </summary>
[MemoryDiagnoser]
public class KpiRollupBenchmarks
{
    private static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];
    private List<Interaction> _rows = null!;
    private InteractionTable _table = null!;
    private DuckDBConnection _duck = null!;
    private KpiGrouping _grouping = null!;

    /// <summary>Rows in the table.</summary>
    [Params(10_000_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _rows = KpiBenchmarkData.Contacts(Rows, seed: 42);
        _table = InteractionTable.Create(_rows);
        _grouping = new KpiGrouping(KpiDimensions.Agent | KpiDimensions.Channel, TimeBucket.Day, Zone);
        _duck = DuckDbPeer.Load(_rows);
    }

    [GlobalCleanup]
    public void Cleanup() => _duck.Dispose();

    [Benchmark(Baseline = true)]
    public int Linq()
    {
        var groups = _rows.GroupBy(i => (i.AgentId, i.Channel, i.ArrivedAt.InZone(Zone).Date)).Select(g => new
        {
            g.Key,
            Offered = g.Count(i => i.Direction == Direction.Inbound),
            Queued = g.Count(i => i.Direction == Direction.Inbound && KpiOptions.IsAgentChannel(i.Channel)),
            Answered = g.Count(i => i.Direction == Direction.Inbound && KpiOptions.IsAgentChannel(i.Channel) && i.IsAnswered),
            Within = g.Count(i => i.Direction == Direction.Inbound && KpiOptions.IsAgentChannel(i.Channel) && i.IsAnswered && i.AnsweredAt!.Value - i.ArrivedAt <= Duration.FromSeconds(20)),
            Handle = g.Where(i => KpiOptions.IsAgentChannel(i.Channel) && i.IsAnswered).Sum(i => (i.Talk + i.Hold + i.AfterCallWork).TotalMilliseconds),
            Wait = g.Where(i => i.IsAnswered).Sum(i => (i.AnsweredAt!.Value - i.ArrivedAt).TotalMilliseconds),
            Transferred = g.Count(i => i.Transfers > 0),
            Resolved = g.Count(i => i.Resolved == true),
            CsatTop = g.Count(i => i.Survey?.Csat >= 4),
            Promoters = g.Count(i => i.Survey?.Nps >= 9),
            Detractors = g.Count(i => i.Survey?.Nps <= 6),
            CesEasy = g.Count(i => i.Survey?.Ces >= 5),
        }).ToList();
        return groups.Count;
    }

    [Benchmark]
    public int Library() => KpiRollup.Compute(_table, _grouping).Count;

    [Benchmark]
    public int DuckDb() => DuckDbPeer.RollupAgentChannelDay(_duck);

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
