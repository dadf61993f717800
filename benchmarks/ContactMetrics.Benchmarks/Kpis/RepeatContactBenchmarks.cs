using BenchmarkDotNet.Attributes;
using ContactMetrics.Domain;
using ContactMetrics.Tables;
using DuckDB.NET.Data;
using NodaTime;

namespace ContactMetrics.Benchmarks.Kpis;

/// <summary>
/// Repeat-contact detection (7 days, same reason) over the same contacts: the library's counting
/// sort and scan, a LINQ GroupBy/OrderBy baseline, and DuckDB's window function (LEAD) as the peer.
/// </summary>
[MemoryDiagnoser]
public class RepeatContactBenchmarks
{
    private List<Interaction>? _rows;
    private InteractionTable _table = null!;
    private DuckDBConnection? _duck;
    private readonly RepeatContactOptions _options = new();

    /// <summary>Rows in the table.</summary>
    [Params(10_000_000)]
    public int Rows { get; set; }

    [GlobalSetup(Target = nameof(Linq))]
    public void SetupLinq() => _rows = KpiBenchmarkData.Contacts(Rows, seed: 42);

    [GlobalSetup(Target = nameof(Library))]
    public void SetupTable()
    {
        _table = InteractionTable.Create(KpiBenchmarkData.Contacts(Rows, seed: 42));
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
        var window = Duration.FromDays(7);
        long followed = 0;
        foreach (var chain in _rows!.Where(i => i.CustomerId is not null && i.Direction == Direction.Inbound && i.Channel.IsAgentHandled() && i.Reason is not null)
                     .GroupBy(i => (i.CustomerId, i.Reason)))
        {
            var ordered = chain.OrderBy(i => i.ArrivedAt).ToList();
            for (int k = 0; k + 1 < ordered.Count; k++)
            {
                if (ordered[k].IsAnswered && ordered[k + 1].ArrivedAt - ordered[k].ArrivedAt <= window)
                {
                    followed++;
                }
            }
        }
        return followed;
    }

    [Benchmark]
    public long Library()
    {
        var flags = RepeatContactDetector.Detect(_table, _options, Environment.ProcessorCount);
        long followed = 0;
        foreach (byte f in flags)
        {
            followed += (f >> 1) & 1;
        }
        return followed;
    }

    [Benchmark]
    public long DuckDb() => DuckDbPeer.RepeatFollowed(_duck!);
}
