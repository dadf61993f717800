using BenchmarkDotNet.Attributes;
using ContactMetrics.Attribution;
using ContactMetrics.Sql;

namespace ContactMetrics.Benchmarks;

/// <summary>
/// <c>PathSummaryFile.Read</c> (what <c>attribution --paths</c> and <c>report</c> read path summaries with) on paths_1m.csv
/// (142,669 unique paths): the baseline is the row reader it used for every CSV file before, which stays the reader of
/// Parquet files, folders and the files the byte parser leaves to it (<c>PathSummaryFile.ReadRows</c>); beside them the
/// core's byte parser alone (<see cref="PathSummaryReader.ReadUtf8"/>), without the header check and the UTF-8 check.
/// </summary>
[MemoryDiagnoser]
public class PathSummaryFileBenchmarks
{
    private string _file = "";

    [GlobalSetup]
    public void Setup()
    {
        _file = Path.Combine(CdnowFiles.DataDirectory(), "paths_1m.csv");
        var rows = RowReader();
        var read = Read();
        if (read.Count != rows.Count || !read.Channels.SequenceEqual(rows.Channels) || read.TotalConversions != rows.TotalConversions || read.TotalNulls != rows.TotalNulls)
        {
            throw new InvalidOperationException($"The readers disagree: {read.Count} and {rows.Count} paths.");
        }
    }

    [Benchmark(Baseline = true)]
    public PathSummary RowReader() => PathSummaryFile.ReadRows(_file, default, PathSeparatorGuard.For(null));

    [Benchmark]
    public PathSummary Read() => PathSummaryFile.Read(_file);

    [Benchmark]
    public PathSummary CoreReadUtf8()
    {
        using var stream = File.OpenRead(_file);
        return PathSummaryReader.ReadUtf8(stream);
    }
}
