using System.Diagnostics;
using System.Globalization;
using ContactMetrics.Attribution;

namespace ContactMetrics.Benchmarks;

/// <summary>
/// Plain timings of Markov fits for side-by-side runs with ChannelAttribution (a separate R program, run in turn with these):
/// `time-markov ORDER SOURCE [REPEATS] [gauss-seidel]`, SOURCE a path-summary CSV (read once, timed) or `long:COUNT` for
/// <see cref="MarkovChainBenchmarks.LongPaths"/> (seed 3); `write-long-paths COUNT FILE` writes those paths as a CSV in the
/// paths_1m layout for the peer.
/// </summary>
internal static class MarkovTiming
{
    public static void Run(int order, string source, int repeats, bool gaussSeidelOnly)
    {
        PathSummary paths;
        if (source.StartsWith("long:", StringComparison.Ordinal))
        {
            paths = MarkovChainBenchmarks.LongPaths(int.Parse(source[5..], CultureInfo.InvariantCulture), seed: 3);
        }
        else
        {
            var read = Stopwatch.StartNew();
            using (var reader = File.OpenText(source))
            {
                paths = PathSummaryReader.Read(reader);
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"read {Path.GetFileName(source)}: {read.Elapsed.TotalSeconds:F3} s, {paths.Count:N0} paths"));
        }
        for (int run = 1; run <= repeats; run++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var result = new MarkovAttribution(order) { GaussSeidelOnly = gaussSeidelOnly }.Fit(paths);
            watch.Stop();
            cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"fit order {order}, run {run}, {(gaussSeidelOnly ? "Gauss-Seidel" : "GMRES")}: {watch.Elapsed.TotalSeconds:F3} s wall, {cpu.TotalSeconds:F3} s CPU, {result.StateCount:N0} states, {result.Sweeps} passes, P(conversion) {result.ConversionProbability:R}"));
        }
    }

    /// <summary>
    /// `time-read-paths FILE REPEATS [text]`: reads a path-summary CSV REPEATS times in one process and prints each time; its
    /// bytes (<c>File.OpenRead</c>), or with `text` the characters of <c>File.OpenText</c>.
    /// </summary>
    public static void ReadPaths(string file, int repeats, bool text)
    {
        for (int run = 1; run <= repeats; run++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            PathSummary paths;
            if (text)
            {
                using var reader = File.OpenText(file);
                paths = PathSummaryReader.Read(reader);
            }
            else
            {
                using var stream = File.OpenRead(file);
                paths = PathSummaryReader.ReadUtf8(stream);
            }
            watch.Stop();
            cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"read {Path.GetFileName(file)} ({(text ? "text" : "bytes")}), run {run}: {watch.Elapsed.TotalMilliseconds:F1} ms wall, {cpu.TotalMilliseconds:F0} ms CPU, {paths.Count:N0} paths"));
        }
    }

    public static void WritePaths(int count, string file)
    {
        var paths = MarkovChainBenchmarks.LongPaths(count, seed: 3);
        using var writer = new StreamWriter(file);
        writer.WriteLine("path,total_conversions,total_conversion_value,total_null");
        for (int p = 0; p < paths.Count; p++)
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{paths.PathText(p)},{paths.Conversions[p]},{paths.Values[p]},{paths.Nulls[p]}"));
        }
    }
}
